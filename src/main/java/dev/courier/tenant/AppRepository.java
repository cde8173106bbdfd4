package dev.courier.tenant;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AppRepository extends JpaRepository<App, Long> {

    Optional<App> findByName(String name);

    boolean existsByName(String name);
}
