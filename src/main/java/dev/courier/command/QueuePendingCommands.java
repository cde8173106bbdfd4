package dev.courier.command;

import dev.courier.device.DeviceId;
import dev.courier.device.PendingCommands;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class QueuePendingCommands implements PendingCommands {

    private final CommandRepository commands;
    private final EventSequencer sequencer;

    QueuePendingCommands(CommandRepository commands, EventSequencer sequencer) {
        this.commands = commands;
        this.sequencer = sequencer;
    }

    @Override
    public Map<DeviceId, Long> pendingCounts(Collection<DeviceId> devices) {
        return commands.countPending(devices);
    }

    @Override
    public void forgetDevice(DeviceId device) {
        commands.forgetDevice(device);
        sequencer.nudgeAfterCommit();
    }
}
