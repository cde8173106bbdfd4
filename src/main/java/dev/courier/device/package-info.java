/** The device registry and device tokens: who may receive, and presence. */
package dev.courier.device;
