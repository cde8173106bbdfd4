package dev.courier.tenant;

/** The authenticated app of an app-API request, with its plan's limits. Controllers take it as an argument. */
public record CallingApp(AppId id, String name, Plan plan) {}
