package com.mispost.apology;

import java.util.List;

/**
 * German wording. Plain and warm address the community as "ihr", as German brand accounts
 * usually do on social media; formal addresses no one directly. "Beitrag" names the post so
 * that pronouns agree whatever the sentence before said. After a backlash the words own the
 * misjudged post ("lag daneben", "unsensibel") and never call it a "Versehen".
 */
final class GermanPhrasebook implements Phrasebook {

    @Override
    public Language language() {
        return Language.GERMAN;
    }

    @Override
    public List<String> opener(Register register, Tone tone) {
        if (register == Register.SINCERE && tone == Tone.WARM) return List.of("Wir schulden euch eine Entschuldigung.");
        if (register == Register.GRAVE && tone == Tone.FORMAL) return List.of("Erklärung von {brand}:");
        return List.of();
    }

    @Override
    public List<String> happened(Register register, Tone tone, boolean personal) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("Jemand aus unserem Team hat hier etwas gepostet, das für ein privates Konto gedacht war.")
                        : List.of("Jemand aus unserem Team hat hier versehentlich etwas gepostet.");
                case WARM -> personal
                        ? List.of("Der letzte Beitrag kam von einem von uns – aus Versehen auf dem falschen Konto.")
                        : List.of("Der letzte Beitrag war ein Versehen von einem von uns.");
                case FORMAL -> personal
                        ? List.of("Heute hat ein Mitglied unseres Teams versehentlich eine private Nachricht über das Konto von {brand} veröffentlicht.",
                                  "Heute hat ein Mitglied unseres Teams hier versehentlich eine private Nachricht veröffentlicht.")
                        : List.of("Heute hat ein Mitglied unseres Teams versehentlich eine Nachricht über das Konto von {brand} veröffentlicht.",
                                  "Heute hat ein Mitglied unseres Teams hier versehentlich eine Nachricht veröffentlicht.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("Heute hat jemand aus unserem Team hier einen Beitrag gepostet, der für ein privates Konto gedacht war.",
                                  "Jemand aus unserem Team hat hier versehentlich einen privaten Beitrag gepostet.")
                        : List.of("Heute hat jemand aus unserem Team hier versehentlich einen Beitrag gepostet.",
                                  "Jemand aus unserem Team hat hier versehentlich einen Beitrag gepostet.");
                case WARM -> personal
                        ? List.of("Jemand aus unserem Team hat versehentlich einen privaten Beitrag auf diesem Konto gepostet, und er entspricht nicht dem, wofür wir stehen.",
                                  "Jemand aus unserem Team hat hier versehentlich einen privaten Beitrag gepostet.")
                        : List.of("Jemand aus unserem Team hat versehentlich einen Beitrag auf diesem Konto gepostet, und er entspricht nicht dem, wofür wir stehen.",
                                  "Jemand aus unserem Team hat hier versehentlich einen Beitrag gepostet.");
                case FORMAL -> formalHappened(personal);
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("Heute hat jemand aus unserem Team über das Konto von {brand} einen Beitrag gepostet, der für ein privates Konto gedacht war.",
                                  "Heute hat jemand aus unserem Team hier versehentlich einen privaten Beitrag gepostet.")
                        : List.of("Heute hat jemand aus unserem Team über das Konto von {brand} irrtümlich einen Beitrag gepostet.",
                                  "Heute hat jemand aus unserem Team hier irrtümlich einen Beitrag gepostet.");
                case WARM -> personal
                        ? List.of("Jemand aus unserem Team hat versehentlich einen privaten Beitrag auf diesem Konto gepostet. Er hätte hier nie erscheinen dürfen und entspricht nicht dem, wofür wir stehen.",
                                  "Jemand aus unserem Team hat hier versehentlich einen privaten Beitrag gepostet. Er hätte hier nie erscheinen dürfen.")
                        : List.of("Jemand aus unserem Team hat versehentlich einen Beitrag auf diesem Konto gepostet. Er hätte hier nie erscheinen dürfen und entspricht nicht dem, wofür wir stehen.",
                                  "Jemand aus unserem Team hat hier versehentlich einen Beitrag gepostet. Er hätte hier nie erscheinen dürfen.");
                case FORMAL -> formalHappened(personal);
            };
        };
    }

    private static List<String> formalHappened(boolean personal) {
        return personal
                ? List.of("Heute wurde über das Konto von {brand} versehentlich ein Beitrag veröffentlicht, den ein Mitglied unseres Teams für ein privates Konto bestimmt hatte.",
                          "Heute hat ein Mitglied unseres Teams hier versehentlich einen privaten Beitrag veröffentlicht.")
                : List.of("Heute hat ein Mitglied unseres Teams über das Konto von {brand} irrtümlich einen Beitrag veröffentlicht.",
                          "Heute hat ein Mitglied unseres Teams hier irrtümlich einen Beitrag veröffentlicht.");
    }

    @Override
    public List<String> compromised(Tone tone) {
        return switch (tone) {
            case PLAIN -> List.of("Jemand außerhalb unseres Teams hat sich Zugang zu unserem Konto verschafft und darüber gepostet.");
            case WARM -> List.of("Jemand außerhalb unseres Teams hat sich Zugang zu diesem Konto verschafft und darüber gepostet. Dieser Beitrag entspricht nicht dem, wofür wir stehen.",
                                 "Jemand außerhalb unseres Teams hat sich Zugang zu diesem Konto verschafft und darüber gepostet.");
            case FORMAL -> List.of("Das Konto von {brand} wurde unbefugt genutzt, um einen Beitrag zu veröffentlichen.",
                                   "Unser Konto wurde unbefugt genutzt, um einen Beitrag zu veröffentlichen.");
        };
    }

    @Override
    public List<String> apology(Register register, Tone tone, boolean compromise) {
        if (compromise && tone == Tone.PLAIN) {
            return register == Register.GRAVE
                    ? List.of("Unser Konto zu schützen ist unsere Aufgabe, und wir entschuldigen uns bei allen, die den Beitrag gelesen haben.",
                              "Unser Konto zu schützen ist unsere Aufgabe, und wir entschuldigen uns.")
                    : List.of("Unser Konto zu schützen ist unsere Aufgabe, und es tut uns leid.");
        }
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Entschuldigt das Durcheinander.");
                case WARM -> List.of("Entschuldigt das Durcheinander, und danke für eure Geduld.", "Entschuldigt das Durcheinander.");
                case FORMAL -> List.of("Wir bitten, das Versehen zu entschuldigen.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("Das war falsch, und es tut uns leid.");
                case WARM -> List.of("Es tut uns leid.");
                case FORMAL -> List.of("Er entspricht nicht unseren Werten, und wir entschuldigen uns dafür.", "Wir entschuldigen uns dafür.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Das war falsch, und wir entschuldigen uns bei allen, die ihn gelesen haben.", "Das war falsch, und wir entschuldigen uns.");
                case WARM -> List.of("Es tut uns aufrichtig leid.");
                case FORMAL -> List.of("Er entspricht nicht unseren Werten, und wir entschuldigen uns ohne Vorbehalt.",
                                       "Wir entschuldigen uns ohne Vorbehalt.");
            };
        };
    }

    @Override
    public List<String> removed(Register register, Tone tone) {
        if (register == Register.LIGHT && tone == Tone.WARM) return List.of("Er ist schon wieder gelöscht.");
        return List.of("Wir haben den Beitrag entfernt.");
    }

    @Override
    public List<String> change(Register register, Tone tone, boolean compromise) {
        if (compromise) {
            return List.of("Wir haben das Konto gesichert und überprüfen, wer Zugriff darauf hat.");
        }
        return switch (register) {
            case LIGHT -> tone == Tone.WARM ? List.of("Wir haben freundlich geklärt, welches Konto welches ist.") : List.of();
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("Wir trennen private und geschäftliche Konten in den Tools, mit denen unser Team arbeitet.",
                                      "Wir trennen private und geschäftliche Konten in unseren Tools.");
                case WARM -> List.of("Wir ändern, wie unser Team postet, und halten private Konten aus unseren Veröffentlichungs-Tools heraus.",
                                     "Wir halten private Konten aus unseren Tools heraus.");
                case FORMAL -> List.of("Wir überprüfen, wie unsere Konten verwaltet werden, auch wer mit welchen Tools posten darf.",
                                       "Wir überprüfen, wer auf unseren Konten posten darf.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Wir überprüfen, wer mit welchen Tools auf unseren Konten posten darf, und werden veröffentlichen, was wir ändern.",
                                      "Wir überprüfen, wer auf unseren Konten posten darf, und veröffentlichen, was wir ändern.");
                case WARM -> List.of("Wir überprüfen, wie unser Team postet, und sagen euch, was wir ändern.");
                case FORMAL -> List.of("Wir haben eine Überprüfung der Verwaltung unserer Konten begonnen und werden das Ergebnis veröffentlichen.",
                                       "Wir überprüfen die Verwaltung unserer Konten und veröffentlichen das Ergebnis.");
            };
        };
    }

    @Override
    public List<String> closing(Register register, Tone tone) {
        if (register == Register.LIGHT && tone == Tone.WARM) return List.of("Jetzt geht es weiter wie gewohnt.");
        if (register == Register.GRAVE && tone == Tone.FORMAL) return List.of("Eine ausführlichere Erklärung folgt auf unserer Website.");
        return List.of();
    }

    @Override
    public String statement(String brand, boolean personal, boolean compromise, boolean removed, boolean change,
                            List<String> include) {
        String account = brand.isEmpty() ? "unser Konto" : "das Konto von " + brand;
        StringBuilder s = new StringBuilder();
        s.append(brand.isEmpty() ? "Erklärung" : "Erklärung von " + brand).append("\n\n");
        if (compromise) {
            s.append("Heute wurde ").append(account).append(" unbefugt genutzt, um einen Beitrag zu veröffentlichen. ")
             .append("Unsere Konten zu schützen ist unsere Aufgabe, und das ist uns nicht gut genug gelungen.");
        } else if (personal) {
            s.append("Heute wurde über ").append(account)
             .append(" versehentlich ein Beitrag veröffentlicht, den ein Mitglied unseres Teams für ein privates Konto bestimmt hatte. ")
             .append("Niemand außerhalb unseres Unternehmens war daran beteiligt.");
        } else {
            s.append("Heute hat ein Mitglied unseres Teams über ").append(account).append(" irrtümlich einen Beitrag veröffentlicht. ")
             .append("Niemand außerhalb unseres Unternehmens war daran beteiligt.");
        }
        s.append(" Der Beitrag entspricht nicht unseren Werten. Wir entschuldigen uns ohne Vorbehalt bei allen, die ihn gelesen haben, und bei allen, die er betroffen hat.");
        if (removed) {
            s.append("\n\nWir haben den Beitrag entfernt. Das macht ihn nicht ungeschehen; deshalb sagen wir offen, was passiert ist, statt ihn still verschwinden zu lassen.");
        }
        if (change) {
            s.append("\n\nWas wir jetzt tun:");
            if (compromise) s.append("\n- Wir haben das Konto gesichert und überprüfen, wer Zugriff darauf hat.");
            s.append("\n- Wir trennen private und geschäftliche Konten in den Tools, mit denen unser Team arbeitet.")
             .append("\n- Wir überprüfen, wer auf unseren Konten posten darf und wie.");
            if (!compromise) s.append("\n- Wir besprechen den Vorfall mit dem beteiligten Teammitglied.");
            s.append("\n\nWir werden veröffentlichen, was wir geändert haben, sobald die Überprüfung abgeschlossen ist.");
        }
        if (!include.isEmpty()) {
            s.append("\n\n").append(String.join(" ", include));
        }
        return s.toString();
    }

    @Override
    public List<String> misjudged(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Unser letzter Beitrag lag daneben, das habt ihr uns deutlich gesagt.", "Unser letzter Beitrag lag daneben.");
                case WARM -> List.of("Mit unserem letzten Beitrag lagen wir daneben, und wir haben euch gehört.");
                case FORMAL -> List.of("Unser letzter Beitrag war unangemessen.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("Unser Beitrag von heute war unsensibel, und wir hätten ihn nicht veröffentlichen dürfen.",
                                      "Unser Beitrag von heute war unsensibel.");
                case WARM -> List.of("Mit unserem Beitrag von heute lagen wir völlig daneben, das habt ihr uns deutlich gesagt.",
                                     "Mit unserem Beitrag von heute lagen wir völlig daneben.");
                case FORMAL -> List.of("Unser heutiger Beitrag war unangemessen, und es war falsch, ihn zu veröffentlichen.",
                                       "Unser heutiger Beitrag war unangemessen.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Unser Beitrag von heute war zutiefst unsensibel, und wir hätten ihn nicht veröffentlichen dürfen.",
                                      "Unser Beitrag von heute war zutiefst unsensibel.");
                case WARM -> List.of("Unser Beitrag von heute war zutiefst unsensibel. Er hätte nicht erscheinen dürfen und entspricht nicht dem, wofür wir stehen.",
                                     "Unser Beitrag von heute war zutiefst unsensibel. Er hätte nicht erscheinen dürfen.");
                case FORMAL -> List.of("Heute haben wir über das Konto von {brand} einen unangemessenen Beitrag veröffentlicht, und es war falsch, ihn zu veröffentlichen.",
                                       "Heute haben wir hier einen unangemessenen Beitrag veröffentlicht.");
            };
        };
    }

    @Override
    public List<String> misjudgedApology(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Das tut uns leid.");
                case WARM -> List.of("Entschuldigt, und danke, dass ihr es uns gesagt habt.", "Entschuldigt.");
                case FORMAL -> List.of("Wir bitten dafür um Entschuldigung.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("Das war falsch, und es tut uns leid.");
                case WARM -> List.of("Es tut uns leid.");
                case FORMAL -> List.of("Er entspricht nicht unseren Werten, und wir entschuldigen uns dafür.", "Wir entschuldigen uns dafür.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Das war falsch, und wir entschuldigen uns bei allen, die er verletzt hat.", "Das war falsch, und wir entschuldigen uns.");
                case WARM -> List.of("Es tut uns aufrichtig leid.");
                case FORMAL -> List.of("Er entspricht nicht unseren Werten, und wir entschuldigen uns ohne Vorbehalt.",
                                       "Wir entschuldigen uns ohne Vorbehalt.");
            };
        };
    }

    @Override
    public List<String> misjudgedChange(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Wir überprüfen, wie wir unsere Beiträge planen.");
                case WARM -> List.of("Wir überprüfen, wie wir planen, was wir posten.");
                case FORMAL -> List.of("Wir überprüfen, wie unsere Beiträge geplant und freigegeben werden.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN, FORMAL -> List.of("Wir überprüfen, wie unsere Beiträge geplant und freigegeben werden, auch die im Voraus eingeplanten.",
                                              "Wir überprüfen, wie unsere Beiträge freigegeben werden.");
                case WARM -> List.of("Wir ändern, wie wir Beiträge prüfen, bevor sie erscheinen, auch die im Voraus eingeplanten.",
                                     "Wir ändern, wie wir Beiträge vor dem Erscheinen prüfen.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Wir überprüfen, wie unsere Beiträge geplant und freigegeben werden, und werden veröffentlichen, was wir ändern.",
                                      "Wir überprüfen die Freigabe unserer Beiträge und veröffentlichen, was wir ändern.");
                case WARM -> List.of("Wir überprüfen, wie wir entscheiden, was wir posten, und sagen euch, was wir ändern.");
                case FORMAL -> List.of("Wir haben eine Überprüfung begonnen, wie unsere Beiträge geplant und freigegeben werden, und werden das Ergebnis veröffentlichen.",
                                       "Wir überprüfen die Freigabe unserer Beiträge und veröffentlichen das Ergebnis.");
            };
        };
    }

    @Override
    public String misjudgedStatement(String brand, boolean removed, boolean change, List<String> include) {
        String account = brand.isEmpty() ? "unser Konto" : "das Konto von " + brand;
        StringBuilder s = new StringBuilder();
        s.append(brand.isEmpty() ? "Erklärung" : "Erklärung von " + brand).append("\n\n");
        s.append("Heute haben wir über ").append(account).append(" einen unsensiblen Beitrag veröffentlicht. ")
         .append("Unser Team hat ihn geschrieben und freigegeben, und wir hätten ihn nicht veröffentlichen dürfen. ")
         .append("Wir haben die Antworten gelesen und verstehen, warum er verletzt hat. ")
         .append("Wir entschuldigen uns ohne Vorbehalt bei allen, die ihn gelesen haben, und bei allen, die er betroffen hat.");
        if (removed) {
            s.append("\n\nWir haben den Beitrag entfernt. Das macht ihn nicht ungeschehen; deshalb sagen wir offen, was passiert ist, statt ihn still verschwinden zu lassen.");
        }
        if (change) {
            s.append("\n\nWas wir jetzt tun:")
             .append("\n- Wir überprüfen unsere eingeplanten Beiträge, bevor weitere erscheinen.")
             .append("\n- Wir überprüfen, wie unsere Beiträge geplant und freigegeben werden, auch wer sie mit dem aktuellen Geschehen abgleicht.")
             .append("\n\nWir werden veröffentlichen, was wir geändert haben, sobald die Überprüfung abgeschlossen ist.");
        }
        if (!include.isEmpty()) {
            s.append("\n\n").append(String.join(" ", include));
        }
        return s.toString();
    }
}
