package io.perfweave.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandMessagesTest {

    @Test
    void aRequestReadsBackAsWrittenAndGivesAgentArguments(@TempDir Path dir) throws Exception {
        CommandRequest request = new CommandRequest("attach", "1.2.3", Optional.of(dir.resolve("p w.properties")),
                List.of("report.json=out.json", "probe.x.method=com.acme.X#run(int, long)"), dir, dir.resolve("reply"));
        request.write(dir.resolve("request"));

        CommandRequest read = CommandRequest.read(dir.resolve("request"));

        assertThat(read).isEqualTo(request);
        assertThat(read.agentArguments()).isEqualTo("config=" + dir.resolve("p w.properties")
                + ",report.json=out.json,probe.x.method=com.acme.X#run(int, long)");
    }

    @Test
    void aReplyKeepsItsLinesAndAMissingReplyIsEmpty(@TempDir Path dir) throws Exception {
        new CommandReply(4, "first line\n  second: line = x").write(dir.resolve("reply"));

        assertThat(CommandReply.read(dir.resolve("reply"))).contains(new CommandReply(4, "first line\n  second: line = x"));
        assertThat(CommandReply.read(dir.resolve("absent"))).isEmpty();
        assertThat(dir.resolve("reply.partial")).doesNotExist();
    }
}
