using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class AnonymityTests
{
    [Theory]
    [InlineData("Adult A died on 12 March 2019.", "12 March 2019")]
    [InlineData("Her death was recorded on 12/03/2019 by the coroner.", "12/03/2019")]
    [InlineData("On March 12th, 2019 she was killed.", "March 12th, 2019")]
    [InlineData("He was found dead on the 3rd of June 2020.", "3rd of June 2020")]
    [InlineData("Her body was found on 2019-03-12.", "2019-03-12")]
    [InlineData("The homicide took place on 1.2.19 at the flat.", "1.2.19")]
    [InlineData("Adult B was murdered on Sunday 5 Jan 2020.", "5 Jan 2020")]
    [InlineData("DEATH: 31 December 2018", "31 December 2018")]
    [InlineData("The fatal assault happened on 12.03.2019 at home.", "12.03.2019")]
    [InlineData("Sadly she passed away on 7 Sept 2021.", "7 Sept 2021")]
    [InlineData("On 1 May 2020\nthe victim was stabbed.", "1 May 2020")]
    public void A_full_date_in_a_sentence_about_the_death_is_found(string text, string date)
    {
        var finding = Assert.Single(Anonymity.Scan(text));
        Assert.Equal(date, finding.Date);
        Assert.Equal(text.IndexOf(date, StringComparison.Ordinal), finding.Index);
    }

    [Theory]
    [InlineData("Adult A died in March 2019.")]
    [InlineData("Adult A died in 2019.")]
    [InlineData("The panel met on 12 March 2021 to agree its terms of reference.")]
    [InlineData("Adult A died in 2019. The panel met on 12 March 2021.")]
    [InlineData("The panel met on 12 March 2021. Adult A died in 2019.")]
    [InlineData("The review was completed on 04/05/2021 and sent to the Home Office.")]
    [InlineData("Version 1.2.3 of the policy mentions deaths.")]
    [InlineData("She enjoyed deadlifting and read 'Deathly Hallows' on 1 May 2019.")]
    [InlineData("Cause of death\n\nThe panel met on 12 March 2021.")]
    [InlineData("")]
    public void Other_sentences_are_not_findings(string text) => Assert.Empty(Anonymity.Scan(text));

    [Fact]
    public void Every_full_date_of_a_death_sentence_is_found()
    {
        var findings = Anonymity.Scan("She died on 12 March 2019, not on 11 March 2019 as first reported. The panel met on 1 May 2021.");
        Assert.Equal(["12 March 2019", "11 March 2019"], findings.Select(f => f.Date));
    }

    [Fact]
    public void A_date_written_with_full_stops_does_not_end_the_sentence()
    {
        var text = "On 12.03.2019. Nothing else. She died that day.";
        Assert.Empty(Anonymity.Scan(text)); // "12.03.2019." ends the sentence: the death is in another one
        Assert.Single(Anonymity.Scan("On 12.03.2019 she died."));
    }
}
