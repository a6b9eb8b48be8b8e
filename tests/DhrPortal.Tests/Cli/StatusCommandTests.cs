using DhrPortal.Cli;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Validation;

namespace DhrPortal.Tests.Cli;

/// <summary><c>dhr status</c> against a copy of the real content, with "today" injected.</summary>
public sealed class StatusCommandTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void Sets_a_status_and_the_content_still_checks()
    {
        using var input = new TempInput();
        var before = File.ReadAllText(input.Review("havering-2022"));

        var code = StatusCommand.Run(input.Dir, "havering-2022#r1-lft", "partly-met", "2026-06", "2026-12", Today);

        Assert.Equal(0, code);
        var after = File.ReadAllText(input.Review("havering-2022"));
        Assert.Equal(before.Replace(
            "      this independent investigation to prevent recurrence.\n",
            "      this independent investigation to prevent recurrence.\n    status:\n      state: partly-met\n      as_of: 2026-06\n      target: 2026-12\n",
            StringComparison.Ordinal), after);
        var check = ContentChecker.Check(InputReader.Read(input.Dir), new CheckOptions { Today = Today });
        Assert.False(check.HasErrors);
        var rec = check.Model!.Reviews.Single(r => r.Id == "havering-2022").Recommendations.Single(r => r.Anchor == "r1-lft");
        Assert.Equal(new DhrPortal.Content.ImplementationStatus(DhrPortal.Content.ImplementationState.PartlyMet, new(2026, 6), new(2026, 12)), rec.Status);
    }

    [Theory]
    [InlineData("havring-2022#r1-lft", "partly-met", "2026-06", 1)]    // unknown review
    [InlineData("havering-2022#r1-lfx", "partly-met", "2026-06", 1)]   // unknown anchor
    [InlineData("havering-2022#r1-lft", "partly-met", "2027-01", 1)]   // as of a month after today: dhr check refuses it
    [InlineData("havering-2022", "partly-met", "2025-06", 2)]          // no anchor
    [InlineData("havering-2022#r1-lft", "done", "2025-06", 2)]         // not a state
    [InlineData("havering-2022#r1-lft", "partly-met", "June 2025", 2)] // not a month
    public void Refuses_and_writes_nothing(string reference, string state, string asOf, int expected)
    {
        using var input = new TempInput();
        var before = File.ReadAllBytes(input.Review("havering-2022"));

        Assert.Equal(expected, StatusCommand.Run(input.Dir, reference, state, asOf, null, Today));

        Assert.Equal(before, File.ReadAllBytes(input.Review("havering-2022")));
    }
}
