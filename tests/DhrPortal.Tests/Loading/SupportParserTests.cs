using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Tests.Site.Build;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Loading;

/// <summary>support.yml is content like the other registries: its mistakes are located diagnostics.</summary>
public sealed class SupportParserTests
{
    private static List<Diagnostic> Check(string support)
    {
        static SourceFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
        var input = new InputSet
        {
            Site = File(InputReader.SiteFile, TestSites.Site),
            Themes = File(InputReader.ThemesFile, TestSites.Themes),
            Agencies = File(InputReader.AgenciesFile, TestSites.Agencies),
            Csps = File(InputReader.CspsFile, TestSites.Csps),
            Support = File(InputReader.SupportFile, support),
            Reviews = [],
        };
        return ContentChecker.Check(input, TestSites.Options).Diagnostics.Where(d => d.Span.Path == InputReader.SupportFile).ToList();
    }

    [Fact]
    public void Unknown_keys_insecure_addresses_and_links_with_nothing_to_follow_are_reported_where_they_are()
    {
        var diagnostics = Check("""
            links:
              - name: Helpline
                description: Day and night.
                phone: 0808 2000 247
                web: https://helpline.example
              - name: Families
                description: For bereaved families.
                url: http://families.example
              - name: Nothing
                description: No way to reach it.
            """);

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.UnknownKey.Id && d.Span.Line == 5);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.InvalidUrl.Id && d.Span.Line == 8);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingField.Id && d.Span.Line == 9);
    }

    [Fact]
    public void The_real_support_links_check_cleanly()
    {
        var (model, _) = TestSites.Real;
        Assert.Contains(model.Support, l => l.Name == "Samaritans" && l.TelUrl == "tel:116123");
        Assert.Contains(model.Support, l => l.Name == "National Domestic Abuse Helpline" && l.TelUrl == "tel:08082000247");
    }
}
