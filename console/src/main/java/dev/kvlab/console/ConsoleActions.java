package dev.kvlab.console;

/** What the console's page can ask for: the seam between the HTTP server and the lab it drives. */
interface ConsoleActions {
    /** The badge text naming the vault every action talks to. */
    String vault();

    /** The folder whose files the actions run, relative to the lab folder (exercises or solutions). */
    String sources();

    /** The exercise's file as the learner sees it, e.g. exercises/RetrieveSecrets.java. */
    String file(Exercise exercise);

    Outcome run(Exercise exercise);

    CheckView check(Exercise exercise);

    /** The learner's progress on the exercise, from its last check. */
    Progress progress(Exercise exercise);

    /** The lab's docs/ folder, whose pages are the exercises' instructions. */
    java.nio.file.Path docs();
}
