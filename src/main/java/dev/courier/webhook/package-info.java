/** Webhooks: an app's endpoints, and the dispatcher that posts each matching command event to them, signed per Standard Webhooks, at least once and in order, from a durable cursor per endpoint (WebhookDispatcher, OutboxRepository). */
package dev.courier.webhook;
