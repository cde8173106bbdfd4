package dev.courier.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "app_id")
    private Long appId;

    @Column(name = "key_hash")
    private byte[] keyHash;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ApiKey() {}

    ApiKey(Long appId, byte[] keyHash, Instant createdAt) {
        this.appId = appId;
        this.keyHash = keyHash;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    Long appId() {
        return appId;
    }

    byte[] keyHash() {
        return keyHash;
    }
}
