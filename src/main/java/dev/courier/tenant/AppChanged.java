package dev.courier.tenant;

/** An app's plan changed or one of its keys was revoked: what instances remember of its keys is stale. */
record AppChanged(long appId) {}
