package dev.sws.sample.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sws.sample.DevModeAppTest;
import dev.sws.sample.SwsSampleApplication;

/**
 * The chat's rules on Spring's simple broker, the sample's default.
 */
@SpringBootTest(classes = SwsSampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "sws.server.dev-mode.directory=" + DevModeAppTest.DEV_DIRECTORY })
class ChatRulesSimpleBrokerTests extends AbstractChatRulesTests {

	@LocalServerPort
	int port;

	@Override
	int port() {
		return this.port;
	}

}
