package dev.sws.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches once {@code sws.client} says how to authenticate servers (trust anchors, pinned keys,
 * or the insecure opt-in): the SWS client beans of both web stacks exist only then.
 */
public final class SwsClientConfiguredCondition extends AnyNestedCondition {

	SwsClientConfiguredCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(name = "sws.client.trust-anchors")
	static final class TrustAnchors {

	}

	@ConditionalOnProperty(name = "sws.client.trust-anchors[0]")
	static final class TrustAnchorList {

	}

	@ConditionalOnProperty(name = "sws.client.pinned-server-keys")
	static final class PinnedKeys {

	}

	@ConditionalOnProperty(name = "sws.client.pinned-server-keys[0]")
	static final class PinnedKeyList {

	}

	@ConditionalOnBooleanProperty(name = "sws.client.insecure-accept-any-server-key")
	static final class InsecureOptIn {

	}

}
