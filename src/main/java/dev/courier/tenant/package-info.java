/** Apps, plans, API keys and the admin API: who may call, and with what limits. */
package dev.courier.tenant;
