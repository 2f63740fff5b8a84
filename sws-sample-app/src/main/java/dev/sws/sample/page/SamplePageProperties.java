package dev.sws.sample.page;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * What the chat page is told to trust.
 */
@ConfigurationProperties("sample.page")
public class SamplePageProperties {

	/**
	 * CA certificates the page trusts to sign the server's certificate (files made with
	 * './sws-cert genca'). In development mode, the development CA.
	 */
	private List<Resource> trustAnchors = new ArrayList<>();

	public List<Resource> getTrustAnchors() {
		return this.trustAnchors;
	}

	public void setTrustAnchors(List<Resource> trustAnchors) {
		this.trustAnchors = trustAnchors;
	}

}
