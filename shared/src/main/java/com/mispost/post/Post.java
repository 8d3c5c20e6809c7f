package com.mispost.post;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One post on a watched business account, normalised from whichever platform delivered it.
 * Optional facts are null when the platform does not say them.
 *
 * @param platform   where it was posted
 * @param accountId  the business account's id on that platform
 * @param postId     the platform's id of the post
 * @param author     the person or team seat that posted it, where the platform or relay says
 * @param text       the full text as it went out (HTML already turned into text)
 * @param createdAt  when the platform says it was posted
 * @param client     the publishing client or app ("Hootsuite", "Twitter for iPhone")
 * @param replyTo    the post it replies to, if any
 * @param quoteOf    the post it quotes or shares, if any
 * @param mediaTypes types of attached media ("photo", "video"); empty when none
 * @param language   language tag if the platform gives one
 * @param permalink  a public link to the post, if known
 */
public record Post(
        Platform platform,
        String accountId,
        String postId,
        String author,
        String text,
        Instant createdAt,
        String client,
        String replyTo,
        String quoteOf,
        List<String> mediaTypes,
        String language,
        String permalink) {

    public Post {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(postId, "postId");
        text = text == null ? "" : text;
        mediaTypes = mediaTypes == null ? List.of() : List.copyOf(mediaTypes);
    }

    /** The post's identity across the suite: platform, account and post id. */
    public PostKey key() {
        return new PostKey(platform, accountId, postId);
    }
}
