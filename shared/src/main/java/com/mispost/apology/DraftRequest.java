package com.mispost.apology;

import com.mispost.crowd.Backlash;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import com.mispost.post.Post;

import java.util.Objects;

/**
 * Everything a drafter needs to know about one incident.
 *
 * @param platform            where the reply goes (sets the limit and the way of counting)
 * @param severity            how bad the mispost is (sets how light or formal the words are)
 * @param brand               the account's name as the public knows it; empty when unknown, and
 *                            then the drafts do without it
 * @param language            the account's language tag ("en", "de-AT"); unknown tags fall back
 *                            to English and the drafts say so
 * @param originalText        the mispost itself, so that drafts can be checked for repeating it;
 *                            empty when not known
 * @param confirmedCompromise staff have recorded that the account was really compromised; only
 *                            then may a draft speak of unauthorised access
 * @param instructions        what staff asked for in a redraft
 * @param cause               why the incident opened: a mispost, or the crowd's backlash against
 *                            a post that went out as intended; MISPOST when null
 */
public record DraftRequest(
        Platform platform,
        Severity severity,
        String brand,
        String language,
        String originalText,
        boolean confirmedCompromise,
        StaffInstructions instructions,
        Cause cause) {

    public DraftRequest {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(severity, "severity");
        brand = brand == null ? "" : brand.strip();
        language = language == null || language.isBlank() ? "en" : language.strip();
        originalText = originalText == null ? "" : originalText;
        instructions = instructions == null ? StaffInstructions.NONE : instructions;
        cause = cause == null ? Cause.MISPOST : cause;
    }

    /** A first draft request for a mispost: English, no original text, no compromise, no instructions. */
    public static DraftRequest of(Platform platform, Severity severity, String brand) {
        return new DraftRequest(platform, severity, brand, null, null, false, null, null);
    }

    /**
     * What the drafts for an incident are asked to be: the post's platform, language and text, at
     * the assessment's severity, for the cause the assessment gives (the crowd's is a backlash).
     */
    public static DraftRequest forIncident(Post post, Assessment assessment, String brand) {
        Cause cause = Backlash.isCrowds(assessment) ? Cause.BACKLASH : Cause.MISPOST;
        return new DraftRequest(post.platform(), assessment.severity(), brand, post.language(), post.text(), false, null, cause);
    }

    public DraftRequest withLanguage(String newLanguage) {
        return new DraftRequest(platform, severity, brand, newLanguage, originalText, confirmedCompromise, instructions, cause);
    }

    public DraftRequest withOriginalText(String text) {
        return new DraftRequest(platform, severity, brand, language, text, confirmedCompromise, instructions, cause);
    }

    public DraftRequest withConfirmedCompromise(boolean confirmed) {
        return new DraftRequest(platform, severity, brand, language, originalText, confirmed, instructions, cause);
    }

    public DraftRequest withInstructions(StaffInstructions newInstructions) {
        return new DraftRequest(platform, severity, brand, language, originalText, confirmedCompromise, newInstructions, cause);
    }

    public DraftRequest withCause(Cause newCause) {
        return new DraftRequest(platform, severity, brand, language, originalText, confirmedCompromise, instructions, newCause);
    }
}
