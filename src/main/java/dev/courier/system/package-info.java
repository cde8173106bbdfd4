/** What is truly cross-cutting: problem details, side connection pools, the embedded database, OpenAPI, secrets. */
package dev.courier.system;
