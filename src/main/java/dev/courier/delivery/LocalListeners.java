package dev.courier.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The device listeners of this instance, by device id. */
@Component
class LocalListeners {

    private final Map<Long, Set<DeviceListener>> byDevice = new ConcurrentHashMap<>();

    void add(DeviceListener listener) {
        // inside compute: a concurrent remove of the device's last listener cannot drop the set we add to
        byDevice.compute(listener.device().id().value(), (id, listeners) -> {
            Set<DeviceListener> set = listeners == null ? ConcurrentHashMap.newKeySet() : listeners;
            set.add(listener);
            return set;
        });
    }

    void remove(DeviceListener listener) {
        byDevice.computeIfPresent(listener.device().id().value(), (id, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    boolean hasAny(long deviceId) {
        return byDevice.containsKey(deviceId);
    }

    void wake(Collection<Long> deviceIds) {
        for (Long deviceId : deviceIds) {
            Set<DeviceListener> listeners = byDevice.get(deviceId);
            if (listeners != null) {
                listeners.forEach(DeviceListener::wake);
            }
        }
    }

    void wakeExcept(long deviceId, DeviceListener except) {
        Set<DeviceListener> listeners = byDevice.get(deviceId);
        if (listeners != null) {
            listeners.stream().filter(listener -> listener != except).forEach(DeviceListener::wake);
        }
    }

    void wakeAll() {
        all().forEach(DeviceListener::wake);
    }

    List<DeviceListener> all() {
        List<DeviceListener> all = new ArrayList<>();
        byDevice.values().forEach(all::addAll);
        return all;
    }
}
