/** The durable queue and its batched engine: sends combined into one statement per batch (BatchedSends), and leases: claims, acks and nacks combined the same way (CommandLeases, LeaseRepository), with the sweep for lapsed leases, expiry and lost wake-ups. */
package dev.courier.command;
