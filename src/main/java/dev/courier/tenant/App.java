package dev.courier.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "app")
class App {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String plan;

    @Column(name = "created_at")
    private Instant createdAt;

    protected App() {}

    App(String name, String plan, Instant createdAt) {
        this.name = name;
        this.plan = plan;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String plan() {
        return plan;
    }

    void changePlan(String plan) {
        this.plan = plan;
    }
}
