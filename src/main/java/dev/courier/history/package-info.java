/** The history query and retention: what became of each command. */
package dev.courier.history;
