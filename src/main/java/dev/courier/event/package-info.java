/**
 * Apps hear what became of their commands as it happens: {@code GET /v1/events}, a Server-Sent Events stream of
 * an app's command events, resumable after any event it delivered ({@code Last-Event-ID} or {@code ?after=}).
 */
package dev.courier.event;
