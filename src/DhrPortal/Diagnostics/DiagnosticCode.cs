using DhrPortal.Validation;

namespace DhrPortal.Diagnostics;

/// <summary>An entry of the diagnostic catalogue: a stable code, what it means and the usual fix.</summary>
public sealed record DiagnosticCode(string Id, string Title, string Help);

/// <summary>
/// Every diagnostic the portal can report. Codes are stable: they are documented in the README,
/// matched by tests and may be matched by editors' tooling, so never renumber one.
/// </summary>
public static class DiagnosticCodes
{
    // 0xx: reading files
    public static readonly DiagnosticCode Unreadable = new("DHR001", "File cannot be read as UTF-8 text",
        "Save the file as UTF-8 text (any editor's \"UTF-8\" encoding); binary files do not belong under input/.");
    public static readonly DiagnosticCode TooLarge = new("DHR002", "File is too large",
        "Split the content or remove what does not belong; review files are summaries, not full reports.");
    public static readonly DiagnosticCode NoFrontMatter = new("DHR003", "Missing or unclosed front matter",
        "Start the file with a line '---', then the YAML fields, then a line '---', then the Markdown summary.");
    public static readonly DiagnosticCode YamlSyntax = new("DHR004", "YAML syntax error",
        "Check indentation and quoting near this position; quote values that contain ': ' or start with a special character.");
    public static readonly DiagnosticCode YamlAlias = new("DHR005", "YAML anchors and aliases are not allowed",
        "Write the value out in full instead of using '&anchor' and '*alias'.");
    public static readonly DiagnosticCode YamlTooDeep = new("DHR006", "YAML is nested too deeply",
        "Content files need only a few levels of nesting; check for unbalanced brackets.");
    public static readonly DiagnosticCode DuplicateKey = new("DHR007", "Duplicate key",
        "Remove one of the two entries with this key.");
    public static readonly DiagnosticCode NotRegularFile = new("DHR008", "Not a regular file",
        "Replace the link or special file with an ordinary file holding the content: links are never followed, so nothing outside input/ is read or published.");

    // 1xx: fields
    public static readonly DiagnosticCode MissingField = new("DHR101", "Required field is missing",
        "Add the field; docs/content-format.md shows a full example.");
    public static readonly DiagnosticCode WrongType = new("DHR102", "Field has the wrong type",
        "Use the shape shown in docs/content-format.md (a text, a number, a list or a set of fields).");
    public static readonly DiagnosticCode UnknownKey = new("DHR103", "Unknown field",
        "Fix the spelling or remove the field; unknown fields are never ignored silently.");
    public static readonly DiagnosticCode InvalidValue = new("DHR104", "Value is not one of the allowed values",
        "Use one of the values listed in the message.");
    public static readonly DiagnosticCode InvalidDate = new("DHR105", "Date is not in the expected format",
        "Write months as YYYY-MM (2023-07), days as YYYY-MM-DD and years as YYYY.");
    public static readonly DiagnosticCode InvalidSlug = new("DHR106", "Id is not a valid slug",
        "Use lower-case letters, digits and single hyphens, e.g. 'northampton-2023'.");
    public static readonly DiagnosticCode InvalidUrl = new("DHR107", "Link is not an allowed absolute URL",
        "Use a full https:// address.");
    public static readonly DiagnosticCode EmptyValue = new("DHR108", "Value is empty",
        "Write the value, or remove the field if it is optional.");
    public static readonly DiagnosticCode FileNameMismatch = new("DHR109", "File name does not match the review id",
        "Rename the file to '<id>.md' so the review is easy to find.");
    public static readonly DiagnosticCode WordTooLong = new("DHR110", "Word is too long",
        $"A word (a run of letters and digits) may have at most {ContentLimits.MaxWordLength} characters: the search index keeps every word. Add the missing spaces, or remove text pasted by mistake (an encoded image, a token).");
    public static readonly DiagnosticCode MarkdownTooDeep = new("DHR111", "Markdown is nested too deeply",
        $"Quotes, lists, links and emphasis may be nested at most {ContentLimits.MaxNestingDepth} levels deep. Look for stray '>', '-', '[' or '_' characters, and write '\\' before one that is meant as text.");
    public static readonly DiagnosticCode TooManyLinks = new("DHR112", "Too many links",
        $"A text may hold at most {ContentLimits.MaxLinksPerText} links (each '](' counts). Link to a page that lists the references instead, or write '\\]' where a ']' before '(' is meant as text.");
    public static readonly DiagnosticCode ImageNotPublished = new("DHR113", "Image is not published",
        "The site shows no images (it makes no requests to other sites, and images would need a text alternative): the image's description is shown instead. Remove the image, or write what it shows as text.");

    // 2xx: dates
    public static readonly DiagnosticCode DeathAfterPublication = new("DHR201", "Year of death is after publication",
        "Check both dates: a review is published after the death it examines.");
    public static readonly DiagnosticCode FutureDate = new("DHR202", "Date is in the future",
        "Check the date; only past events are recorded.");
    public static readonly DiagnosticCode ImplausibleDate = new("DHR203", "Date is implausible",
        "Domestic Homicide Reviews began in April 2011; check the year.");

    // 3xx: identity
    public static readonly DiagnosticCode DuplicateReviewId = new("DHR301", "Duplicate review id",
        "Give each review its own id; ids are part of public URLs.");
    public static readonly DiagnosticCode DuplicateRecommendation = new("DHR302", "Duplicate recommendation",
        "Two recommendations have the same label and first addressee: set 'anchor:' on one to tell them apart.");
    public static readonly DiagnosticCode DuplicateRegistryId = new("DHR303", "Duplicate registry id",
        "Ids in themes.yml, agencies.yml and csps.yml must be unique within their file.");
    public static readonly DiagnosticCode DuplicateAlias = new("DHR304", "Name or alias belongs to two agencies",
        "An alias must lead to one agency only: remove it from one of them.");
    public static readonly DiagnosticCode MissingRecommendations = new("DHR305", "Review has no recommendations",
        "Add the recommendations, or set 'recommendations_status: not-extracted' if they are not extracted yet.");
    public static readonly DiagnosticCode PreviousIdTaken = new("DHR306", "Previous id is already taken",
        "An id in 'previous_ids' must not be the id of a review, nor a previous id of another review: its old URL can redirect to one review only.");
    public static readonly DiagnosticCode AnchorCollides = new("DHR307", "Anchor collides with a page id",
        "A recommendation's anchor becomes an id on the review page, which already uses some ids for its own sections (the message lists them): set a different 'anchor:'.");
    public static readonly DiagnosticCode DuplicateSectionId = new("DHR308", "Duplicate section id in a study",
        "Each heading of a study gives its section an id, from its number ('3.1 ...') or its '{#name}': give the heading another number or name.");

    // 4xx: references
    public static readonly DiagnosticCode UnknownAddressee = new("DHR401", "Addressee is not a known agency",
        "Add the name to 'aliases:' of the right agency in input/agencies.yml, add a new agency, or add an abbreviation to the review.");
    public static readonly DiagnosticCode UnknownTheme = new("DHR402", "Unknown theme",
        "Use a theme id from input/themes.yml, or add the theme there.");
    public static readonly DiagnosticCode UnknownCsp = new("DHR403", "Unknown Community Safety Partnership",
        "Use a CSP id from input/csps.yml, or add the partnership there.");
    public static readonly DiagnosticCode UnknownAgency = new("DHR404", "Unknown agency id",
        "Use an agency id from input/agencies.yml.");
    public static readonly DiagnosticCode MissingRegistry = new("DHR405", "Registry file is missing",
        "Create the file; docs/content-format.md shows its format.");
    public static readonly DiagnosticCode UnknownReferencedReview = new("DHR407", "Unknown review in a reference",
        "Write the reference as <review-id>#<anchor>, with the id of a review in input/reviews.");
    public static readonly DiagnosticCode UnknownRecommendationAnchor = new("DHR408", "Unknown recommendation anchor",
        "Use the anchor of a recommendation of that review, as shown in its page's links (/reviews/<id>/#<anchor>).");

    // 5xx: publication safety
    public static readonly DiagnosticCode FullDateNearDeath = new("DHR501", "Full date next to words about the death",
        "Remove the day (write the month and year, or the year): the Home Office asks for dates of death to be removed.");
    public static readonly DiagnosticCode UnsafeLink = new("DHR502", "Link uses a scheme that is not allowed",
        "Links may use https:, http:, mailto: or a site-relative path ('/about/', '#r1'); the link is removed and its text kept. Fix the address, or remove the link.");

    // 6xx: generated site
    public static readonly DiagnosticCode BrokenLink = new("DHR601", "Link to a missing page or anchor of the site",
        "Fix the link where it is written (a page's address ends with '/'; a recommendation's anchor is on its review's page), or the content it points at.");

    /// <summary>The whole catalogue, in code order.</summary>
    public static IReadOnlyList<DiagnosticCode> All { get; } =
    [
        Unreadable, TooLarge, NoFrontMatter, YamlSyntax, YamlAlias, YamlTooDeep, DuplicateKey, NotRegularFile,
        MissingField, WrongType, UnknownKey, InvalidValue, InvalidDate, InvalidSlug, InvalidUrl, EmptyValue, FileNameMismatch,
        WordTooLong, MarkdownTooDeep, TooManyLinks, ImageNotPublished,
        DeathAfterPublication, FutureDate, ImplausibleDate,
        DuplicateReviewId, DuplicateRecommendation, DuplicateRegistryId, DuplicateAlias, MissingRecommendations, PreviousIdTaken, AnchorCollides, DuplicateSectionId,
        UnknownAddressee, UnknownTheme, UnknownCsp, UnknownAgency, MissingRegistry, UnknownReferencedReview, UnknownRecommendationAnchor,
        FullDateNearDeath, UnsafeLink,
        BrokenLink,
    ];
}
