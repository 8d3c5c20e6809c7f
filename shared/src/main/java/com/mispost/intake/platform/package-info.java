/**
 * The platforms' webhook dialects: {@link com.mispost.intake.platform.XWebhook},
 * {@link com.mispost.intake.platform.MetaWebhook}, {@link com.mispost.intake.platform.LinkedInWebhook}
 * and {@link com.mispost.intake.platform.MastodonWebhook}, found with
 * {@link com.mispost.intake.platform.PlatformWebhooks} (generic relays included). Each answers its
 * platform's handshake, checks its signature in constant time and turns a body into
 * {@link com.mispost.intake.InboundEvent}s with the platform's own delivery key. Secrets are read
 * by name: {@code webhook/x}, {@code webhook/meta}, {@code meta/verify-token},
 * {@code webhook/linkedin}, {@code webhook/mastodon} (and {@code webhook/generic}).
 */
package com.mispost.intake.platform;
