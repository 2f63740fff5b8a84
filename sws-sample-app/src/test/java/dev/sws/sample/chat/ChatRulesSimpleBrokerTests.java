package dev.sws.sample.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;

/**
 * The chat's rules on Spring's simple broker, the sample's default. The first-frame delay is off
 * (see {@link AbstractChatRulesTests}).
 */
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sample.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY,
				"sws.server.first-frame-delay=0" })
class ChatRulesSimpleBrokerTests extends AbstractChatRulesTests {

	@LocalServerPort
	int port;

	@Override
	int port() {
		return this.port;
	}

}
