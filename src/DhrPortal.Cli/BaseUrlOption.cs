using System.CommandLine;
using DhrPortal.Content;

namespace DhrPortal.Cli;

/// <summary>Where the base URL of a build came from, for the log line and the tests.</summary>
internal enum BaseUrlSource
{
    SiteYml,
    Option,
    NetlifyUrl,
    NetlifyDeployPrimeUrl,
}

/// <summary>
/// The base URL that absolute links (feed, sitemap, open data, citations) are made from. First
/// <c>--base-url</c>; else, on Netlify, the address of this deploy: <c>URL</c> for the production
/// context and <c>DEPLOY_PRIME_URL</c> for deploy previews and branch deploys, so a preview never
/// links to production; else <c>base_url</c> in <c>input/site.yml</c>. The environment is read here,
/// at the edge, and the result goes into the build as part of <see cref="SiteSettings"/>.
/// </summary>
internal static class BaseUrlOption
{
    public static Option<string?> Create() => new("--base-url")
    {
        Description = "Absolute http(s) address the site is published at (default: Netlify's URL or DEPLOY_PRIME_URL on Netlify, else base_url in site.yml).",
    };

    /// <summary>
    /// The base URL to use instead of site.yml's, or null to keep site.yml's. False (with
    /// <paramref name="error"/>) when the chosen value is not a usable base URL.
    /// </summary>
    /// <param name="option">The value of <c>--base-url</c>, if given.</param>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    public static bool TryResolve(string? option, Func<string, string?> environment, out Uri? baseUrl, out BaseUrlSource source, out string? error)
    {
        baseUrl = null;
        error = null;
        string name;
        string? value;
        if (option is not null)
        {
            (name, value, source) = ("--base-url", option, BaseUrlSource.Option);
        }
        else
        {
            // Netlify sets CONTEXT on every build: production, deploy-preview, branch-deploy (or dev
            // under 'netlify dev', which serves locally and keeps site.yml's address).
            switch (environment("CONTEXT"))
            {
                case "production":
                    (name, source) = ("URL", BaseUrlSource.NetlifyUrl);
                    break;
                case "deploy-preview" or "branch-deploy":
                    (name, source) = ("DEPLOY_PRIME_URL", BaseUrlSource.NetlifyDeployPrimeUrl);
                    break;
                default:
                    source = BaseUrlSource.SiteYml;
                    return true;
            }
            value = environment(name);
            if (string.IsNullOrEmpty(value))
            {
                error = $"Netlify's CONTEXT is '{environment("CONTEXT")}' but {name} is not set.";
                return false;
            }
        }
        if (Parse(value) is { } uri)
        {
            baseUrl = uri;
            return true;
        }
        error = $"{name} '{value}' is not a base URL: give an absolute http:// or https:// address of the site's root, without a path, query, fragment or user name, e.g. https://dhrportal.netlify.app.";
        return false;
    }

    /// <summary>An absolute http(s) URL of a host's root (a trailing '/' is allowed and dropped); null otherwise.</summary>
    internal static Uri? Parse(string value)
    {
        // Pages link to each other by site-relative paths (/reviews/...), so the site must be at the
        // root of its host: a path in the base URL would make absolute and relative links disagree.
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || value.Contains('?') || value.Contains('#')
            || uri.AbsolutePath != "/")
            return null;
        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The model with <paramref name="baseUrl"/> in its settings (unchanged when null).</summary>
    public static ContentModel Apply(ContentModel model, Uri? baseUrl) =>
        baseUrl is null ? model : model with { Settings = model.Settings with { BaseUrl = baseUrl } };

    /// <summary>Says where the base URL came from (Netlify's build log shows it).</summary>
    public static string Describe(Uri? baseUrl, BaseUrlSource source, ContentModel model) => source switch
    {
        BaseUrlSource.Option => $"Base URL {baseUrl} (from --base-url).",
        BaseUrlSource.NetlifyUrl => $"Base URL {baseUrl} (from Netlify's URL: production).",
        BaseUrlSource.NetlifyDeployPrimeUrl => $"Base URL {baseUrl} (from Netlify's DEPLOY_PRIME_URL: this deploy's own address).",
        _ => $"Base URL {model.Settings.BaseUrl} (from site.yml).",
    };
}
