package dev.sws.autoconfigure;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import dev.sws.websocket.SwsSubProtocolWebSocketHandler;

/**
 * Puts an {@link SwsSubProtocolWebSocketHandler} in place of the {@link SubProtocolWebSocketHandler}
 * that {@code @EnableWebSocketMessageBroker} creates, before anything is configured on it, so that
 * a STOMP ERROR frame is never dropped by the close that follows it. Only Spring's own class is
 * replaced; a handler of the application's is left alone.
 */
final class SwsSubProtocolHandlerPostProcessor implements BeanPostProcessor {

	private static final String HANDLER = "subProtocolWebSocketHandler";

	private final BeanFactory beanFactory;

	SwsSubProtocolHandlerPostProcessor(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (!HANDLER.equals(beanName) || bean.getClass() != SubProtocolWebSocketHandler.class) {
			return bean;
		}
		SubProtocolWebSocketHandler spring = (SubProtocolWebSocketHandler) bean;
		SwsSubProtocolWebSocketHandler handler = new SwsSubProtocolWebSocketHandler(
				this.beanFactory.getBean("clientInboundChannel", MessageChannel.class),
				this.beanFactory.getBean("clientOutboundChannel", SubscribableChannel.class));
		handler.setPhase(spring.getPhase());
		return handler;
	}

}
