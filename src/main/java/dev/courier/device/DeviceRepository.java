package dev.courier.device;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DeviceRepository extends JpaRepository<Device, Long> {

    Optional<Device> findByAppIdAndIdent(Long appId, String ident);

    boolean existsByAppIdAndIdent(Long appId, String ident);

    long countByAppId(Long appId);

    List<Device> findByAppIdAndIdentGreaterThanOrderByIdent(Long appId, String after, Limit limit);

    /** Serialises device creation per app, so the plan's device limit holds under concurrent creates. */
    @Query(value = "SELECT pg_advisory_xact_lock(?1) IS NOT NULL", nativeQuery = true)
    boolean lockAppForCreate(long appId);
}
