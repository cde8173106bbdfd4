package dev.courier.device;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface DeviceRepository extends JpaRepository<Device, Long> {

    Optional<Device> findByAppIdAndIdent(Long appId, String ident);

    boolean existsByAppIdAndIdent(Long appId, String ident);

    List<Device> findByAppIdAndIdentGreaterThanOrderByIdent(Long appId, String after, Limit limit);

    /** Takes a device slot of the app if it has one left under the limit; false when the app is full. */
    @Query(value = """
                    INSERT INTO device_count AS c (app_id, devices) VALUES (?1, 1)
                    ON CONFLICT (app_id) DO UPDATE SET devices = c.devices + 1 WHERE c.devices < ?2
                    RETURNING true""", nativeQuery = true)
    Optional<Boolean> takeDeviceSlot(long appId, int maxDevices);

    /** Deletes the device, keeping its ident in {@code deleted_device} for the history of its commands. */
    @Modifying
    @Query(value = """
                    WITH gone AS (DELETE FROM device WHERE id = ?1 AND app_id = ?2 RETURNING id, app_id, ident)
                    INSERT INTO deleted_device (id, app_id, ident) SELECT id, app_id, ident FROM gone""", nativeQuery = true)
    int deleteOwned(long id, long appId);

    @Modifying
    @Query(value = "UPDATE device_count SET devices = devices - 1 WHERE app_id = ?1", nativeQuery = true)
    void releaseDeviceSlot(long appId);
}
