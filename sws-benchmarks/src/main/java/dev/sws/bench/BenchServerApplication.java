package dev.sws.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.sws.websocket.SwsWebSocketHandlerDecoratorFactory;

/**
 * The benchmark server: a plain WebSocket echo at {@code /plain} and the same echo over SWS at
 * {@code /sws}, plus {@code /bench/heap}, which collects garbage and reports the used heap. With
 * {@code server.ssl.*} set it serves wss. It prints {@code READY <port>} once listening.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchServerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchServerApplication.class);
		application.setDefaultProperties(Map.of("server.address", "127.0.0.1", "server.port", "0",
				"spring.main.banner-mode", "off", "logging.level.root", "warn",
				"server.tomcat.max-connections", "30000", "server.tomcat.accept-count", "2000"));
		application.run(args);
	}

	/**
	 * No recycled channels or processors: closed sessions then leave nothing behind, so that the
	 * heap measurement sees only the open sessions.
	 */
	@Bean
	TomcatConnectorCustomizer noRecycling() {
		return (connector) -> {
			connector.setProperty("socket.bufferPool", "0");
			connector.setProperty("processorCache", "0");
		};
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> readyAnnouncer() {
		return (event) -> System.out.println("READY " + event.getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	static class Endpoints implements WebSocketConfigurer {

		private final SwsWebSocketHandlerDecoratorFactory swsServer;

		Endpoints(SwsWebSocketHandlerDecoratorFactory swsServer) {
			this.swsServer = swsServer;
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new EchoHandler(), "/plain");
			registry.addHandler(this.swsServer.decorate(new EchoHandler()), "/sws");
		}

	}

	@RestController
	static class HeapEndpoint {

		@GetMapping("/bench/heap")
		long usedHeap() throws InterruptedException {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(200);
			}
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

	}

}
