package io.participants.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation as a newcomer meets it: the README stays a front door, every topic page under {@code docs/} says
 * first whom it is for, every page can be reached from the README, and no relative link or anchor is broken.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final int README_MAX_LINES = 250;
    /** A Markdown link or image: {@code [text](target)}; the target ends at the first space or closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    private static Map<Path, List<String>> pages;

    @BeforeAll
    static void readPages() throws IOException {
        pages = new HashMap<>();
        for (Path page : markdownPages()) {
            pages.put(page, Files.readAllLines(page));
        }
    }

    @Test
    void theReadmeIsAFrontDoorOfAtMost250Lines() {
        assertThat(pages.get(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkPointsAtAFileAndHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        pages.forEach((page, lines) -> {
            for (String target : links(lines)) {
                String problem = check(page, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
                }
            }
        });
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyDocsPageStartsBySayingWhomItIsFor() {
        List<String> without = new ArrayList<>();
        pages.forEach((page, lines) -> {
            if (page.startsWith(ROOT.resolve("docs")) && !isDecisionRecord(page)
                    && !firstParagraph(lines).startsWith("For ")) {
                without.add(ROOT.relativize(page).toString());
            }
        });
        assertThat(without).as("pages whose first paragraph does not start with \"For ...\"").isEmpty();
    }

    @Test
    void everyDocsPageCanBeReachedFromTheReadme() {
        Set<Path> reached = new HashSet<>();
        Deque<Path> next = new ArrayDeque<>(List.of(ROOT.resolve("README.md")));
        while (!next.isEmpty()) {
            Path page = next.removeFirst();
            if (!reached.add(page)) {
                continue;
            }
            for (String target : links(pages.get(page))) {
                Path file = file(page, target);
                if (file != null && Files.isDirectory(file)) {
                    file = file.resolve("README.md");
                }
                if (file != null && pages.containsKey(file)) {
                    next.add(file);
                }
            }
        }
        List<String> unreached = pages.keySet().stream().filter(page -> !reached.contains(page))
                .map(page -> ROOT.relativize(page).toString()).sorted().toList();
        assertThat(unreached).as("pages no link from README.md leads to").isEmpty();
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(slug("`sam local invoke` against local mode")).isEqualTo("sam-local-invoke-against-local-mode");
        assertThat(slug("Alarms, dashboard and traces")).isEqualTo("alarms-dashboard-and-traces");
        assertThat(slug("The cost of an `Idempotency-Key`")).isEqualTo("the-cost-of-an-idempotency-key");
        assertThat(slug("After priming (what SnapStart leaves)")).isEqualTo("after-priming-what-snapstart-leaves");
    }

    /** Why {@code target} from {@code page} is broken, or null when it is not (or is not ours to check). */
    private static String check(Path page, String target) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null; // https:, mailto: and the like: outside the repository
        }
        Path file = file(page, target);
        if (!Files.exists(file)) {
            return "no such file";
        }
        int hash = target.indexOf('#');
        if (hash < 0) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        List<String> lines = pages.get(file);
        if (lines == null) {
            return "an anchor into a file that is not a Markdown page";
        }
        return anchors(lines).contains(anchor) ? null : "no heading with the anchor #" + anchor;
    }

    private static Path file(Path page, String target) {
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        return path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    }

    /** The link targets of a page outside fenced code blocks and inline code. */
    private static List<String> links(List<String> lines) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings, repeats numbered as it numbers them. */
    private static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = slug(heading.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces as hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** A numbered record under docs/decisions: context, decision, consequences; its index says whom they serve. */
    private static boolean isDecisionRecord(Path page) {
        return page.getParent().endsWith(Path.of("docs", "decisions"))
                && page.getFileName().toString().matches("\\d{4}-.*\\.md");
    }

    /** The text of the first paragraph after a page's title. */
    private static String firstParagraph(List<String> lines) {
        StringBuilder paragraph = new StringBuilder();
        boolean titled = false;
        for (String line : lines) {
            if (!titled) {
                titled = line.startsWith("# ");
            } else if (line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    break;
                }
            } else {
                paragraph.append(line).append(' ');
            }
        }
        return paragraph.toString();
    }

    private static List<Path> markdownPages() throws IOException {
        List<Path> found = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("SECURITY.md"),
                ROOT.resolve("events/README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(found::add);
        }
        return found;
    }
}
