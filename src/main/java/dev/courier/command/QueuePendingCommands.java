package dev.courier.command;

import dev.courier.device.DeviceId;
import dev.courier.device.PendingCommands;
import org.springframework.stereotype.Component;

@Component
class QueuePendingCommands implements PendingCommands {

    private final CommandRepository commands;

    QueuePendingCommands(CommandRepository commands) {
        this.commands = commands;
    }

    @Override
    public long pendingCount(DeviceId device) {
        return commands.countPending(device);
    }

    @Override
    public void forgetDevice(DeviceId device) {
        commands.forgetDevice(device);
    }
}
