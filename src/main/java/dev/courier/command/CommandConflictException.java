package dev.courier.command;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class CommandConflictException extends CourierProblem {

    private CommandConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT, title, detail);
    }

    static CommandConflictException idempotencyKeyReused(String key) {
        return new CommandConflictException(
                "Idempotency key reused", "Idempotency-Key " + key + " was already used with a different request");
    }

    static CommandConflictException finished(String id, String status) {
        return new CommandConflictException(
                "Command finished", "command " + id + " is already " + status + " and cannot be cancelled");
    }
}
