package dev.courier.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "device")
class Device {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "app_id")
    private Long appId;

    private String ident;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "online_until")
    private Instant onlineUntil;

    protected Device() {}

    Device(Long appId, String ident, byte[] tokenHash, Instant createdAt) {
        this.appId = appId;
        this.ident = ident;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    Long appId() {
        return appId;
    }

    String ident() {
        return ident;
    }

    byte[] tokenHash() {
        return tokenHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    boolean onlineAt(Instant now) {
        return onlineUntil != null && onlineUntil.isAfter(now);
    }

    void replaceToken(byte[] tokenHash) {
        this.tokenHash = tokenHash;
    }
}
