package dev.sws.bench;

import dev.sws.protocol.ClientHandshake;
import dev.sws.protocol.ClientHandshakeSettings;
import dev.sws.protocol.HandshakeFrame;
import dev.sws.protocol.HandshakeMachine;
import dev.sws.protocol.HandshakeStep;
import dev.sws.protocol.SecureChannel;
import dev.sws.protocol.ServerHandshake;
import dev.sws.protocol.ServerHandshakeSettings;

/**
 * A client and a server that ran a complete handshake in memory, any version: the two channels
 * it produced, and the frames the client sent (which a benchmark replays against new server
 * handshakes).
 *
 * @param client the client's channel
 * @param server the server's channel
 * @param clientFrames the client's handshake frames, in order (v1/v2: ClientHello and ClientReady;
 * v3: messages 1 and 3)
 */
record HandshakedPair(SecureChannel client, SecureChannel server, HandshakeFrame[] clientFrames) {

	static HandshakedPair run(ClientHandshakeSettings clientSettings, ServerHandshakeSettings serverSettings) {
		ClientHandshake clientHandshake = new ClientHandshake(clientSettings, "localhost");
		ServerHandshake serverHandshake = new ServerHandshake(serverSettings);
		HandshakeFrame first = clientHandshake.start();
		HandshakeStep.Reply serverHello = (HandshakeStep.Reply) receive(serverHandshake, first);
		HandshakeStep clientStep = receive(clientHandshake, serverHello.frame());
		if (clientStep instanceof HandshakeStep.Established clientDone) {
			// v1/v2: the client is done once it sends ClientReady
			HandshakeFrame ready = clientDone.finalFrame().orElseThrow();
			HandshakeStep.Established serverDone = (HandshakeStep.Established) receive(serverHandshake, ready);
			return new HandshakedPair(clientDone.channel(), serverDone.channel(), new HandshakeFrame[] { first, ready });
		}
		// v3: message 3 from the client, the ready message from the server
		HandshakeFrame third = ((HandshakeStep.Reply) clientStep).frame();
		HandshakeStep.Established serverDone = (HandshakeStep.Established) receive(serverHandshake, third);
		HandshakeStep.Established clientDone = (HandshakeStep.Established) receive(clientHandshake,
				serverDone.finalFrame().orElseThrow());
		return new HandshakedPair(clientDone.channel(), serverDone.channel(), new HandshakeFrame[] { first, third });
	}

	static HandshakeStep receive(HandshakeMachine machine, HandshakeFrame frame) {
		HandshakeStep step = machine.receive(frame);
		if (step instanceof HandshakeStep.Failed failed) {
			throw new IllegalStateException("The benchmark handshake failed: " + failed.failure());
		}
		return step;
	}

}
