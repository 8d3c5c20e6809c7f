package com.mispost.intake;

import com.mispost.post.Platform;
import com.mispost.secrets.SecretSource;

/** One platform's webhook dialect: its handshake, its signature and its payload shape. */
public interface PlatformWebhook {

    Platform platform();

    /** Answers the platform's subscription handshake (a GET). */
    WebhookResponse handshake(WebhookRequest request, SecretSource secrets);

    /** Whether the delivery carries a valid signature; checked before anything is parsed. */
    boolean verify(WebhookRequest request, SecretSource secrets);

    /**
     * The events in a verified delivery. Entries that cannot be read are reported in the result;
     * only a body that cannot be read at all throws.
     */
    ParsedDelivery parse(byte[] body) throws MalformedDeliveryException;
}
