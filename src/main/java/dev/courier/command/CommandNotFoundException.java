package dev.courier.command;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

public class CommandNotFoundException extends CourierProblem {

    private CommandNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Command not found", detail);
    }

    public static CommandNotFoundException forId(String id) {
        return new CommandNotFoundException("no command " + id);
    }
}
