package dev.courier.client.app;

import java.util.List;

/** One page of the registry; {@code next} is the cursor of the following page, {@code null} on the last. */
public record DevicePage(List<DeviceView> devices, String next) {}
