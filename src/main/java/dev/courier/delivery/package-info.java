/** Getting commands onto the wire: the WebSocket and long-poll transports, and the rules for what an ack, nack or closed connection wakes next (DeliveryEngine); leases themselves live in the command module. */
package dev.courier.delivery;
