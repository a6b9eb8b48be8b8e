using System.Text;
using DhrPortal.Content;
using DhrPortal.Loading;

namespace DhrPortal.Tests.Content;

/// <summary>
/// <c>dhr status</c>'s edit: only the status changes; comments, quoting, layout, line endings and
/// the byte-order mark of the rest of the file stay byte for byte.
/// </summary>
public sealed class StatusEditorTests
{
    // Comments everywhere, a trailing comment on the last field, a literal block whose lines start
    // with '#', a comment block between two recommendations, a flow-style recommendation, a quoted
    // status, and a flow status.
    private const string Odd = """
        ---
        # A review written by hand.
        id: odd-2022
        title: 'Odd review'     # single-quoted on purpose
        csp: exampleton
        review_type: dhr
        relationship: other
        source: {url: "https://example.org/odd.pdf", library: Home Office DHR Library}
        recommendations:
          # Police first.
          - label: "1"
            to: [Example Police]   # as printed
            text: |
              # Not a comment: a line of the recommendation.
              The police should train staff.

            themes:
              - training   # the theme
          # The council's series follows.

          - label: "1"
            to: [Example Borough Council]
            themes: [training]
            text: The council should review its policy.
            status:
              # reported by the council
              state: "not-met"      # quoted
              as_of: 2023-01
            anchor: council-1
          -   {label: "2", to: [Example Police], themes: [training], text: Flow style.}
          - label: "3"
            to: [Example Police]
            themes: [training]
            text: Police again.
            status: {state: unknown, as_of: 2022-05, target: 2023-12}
        ---
        Summary.

        """;

    private static string Edit(string text, string anchor, ImplementationState state, YearMonth asOf, YearMonth? target = null)
    {
        var edit = StatusEditor.Set(new SourceFile("reviews/odd-2022.md", Encoding.UTF8.GetBytes(text)), anchor, state, asOf, target);
        Assert.True(edit.Error is null, edit.Error);
        return Encoding.UTF8.GetString(edit.Bytes!);
    }

    [Fact]
    public void Adds_a_status_after_the_last_field_of_a_recommendation_and_changes_nothing_else()
    {
        var result = Edit(Odd, "r1-example-police", ImplementationState.PartlyMet, new YearMonth(2024, 3), new YearMonth(2024, 12));

        Assert.Equal(Odd.Replace("""
                  - training   # the theme

            """, """
                  - training   # the theme
                status:
                  state: partly-met
                  as_of: 2024-03
                  target: 2024-12

            """, StringComparison.Ordinal), result);
    }

    [Fact]
    public void Replaces_an_existing_status_in_place_keeping_its_comments_quotes_and_target_line()
    {
        var result = Edit(Odd, "council-1", ImplementationState.FullyImplemented, new YearMonth(2024, 6), new YearMonth(2024, 9));

        Assert.Equal(Odd.Replace("""
                  state: "not-met"      # quoted
                  as_of: 2023-01

            """, """
                  state: "fully-implemented"      # quoted
                  as_of: 2024-06
                  target: 2024-09

            """, StringComparison.Ordinal), result);
    }

    [Fact]
    public void A_flow_status_stays_flow_and_keeps_its_target_when_none_is_given()
    {
        var result = Edit(Odd, "r3-example-police", ImplementationState.AlreadyHappening, new YearMonth(2024, 1));

        Assert.Equal(Odd.Replace("status: {state: unknown, as_of: 2022-05, target: 2023-12}",
            "status: {state: already-happening, as_of: 2024-01, target: 2023-12}", StringComparison.Ordinal), result);
    }

    [Fact]
    public void A_flow_recommendation_gets_its_status_inside_its_braces()
    {
        var result = Edit(Odd, "r2-example-police", ImplementationState.NotMet, new YearMonth(2024, 2));

        Assert.Equal(Odd.Replace("text: Flow style.}", "text: Flow style., status: {state: not-met, as_of: 2024-02}}", StringComparison.Ordinal), result);
    }

    [Fact]
    public void Keeps_the_byte_order_mark_and_windows_line_endings()
    {
        var crlf = Odd.Replace("\n", "\r\n", StringComparison.Ordinal);
        var bytes = (byte[])[.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(crlf)];

        var edit = StatusEditor.Set(new SourceFile("reviews/odd-2022.md", bytes), "council-1", ImplementationState.PartlyMet, new YearMonth(2024, 6), null);

        Assert.True(edit.Bytes is [0xEF, 0xBB, 0xBF, ..]);
        var text = Encoding.UTF8.GetString(edit.Bytes.AsSpan(3));
        Assert.Equal(crlf.Replace("state: \"not-met\"", "state: \"partly-met\"", StringComparison.Ordinal).Replace("as_of: 2023-01", "as_of: 2024-06", StringComparison.Ordinal), text);
    }

    [Fact]
    public void An_unknown_anchor_is_an_error_naming_the_closest()
    {
        var edit = StatusEditor.Set(new SourceFile("reviews/odd-2022.md", Encoding.UTF8.GetBytes(Odd)), "council-2", ImplementationState.NotMet, new YearMonth(2024, 2), null);

        Assert.Null(edit.Bytes);
        Assert.StartsWith("Review 'odd-2022' has no recommendation with the anchor 'council-2'. Did you mean 'council-1'", edit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_errors_is_not_edited()
    {
        var broken = Odd.Replace("relationship: other", "relationship: cousin", StringComparison.Ordinal);

        var edit = StatusEditor.Set(new SourceFile("reviews/odd-2022.md", Encoding.UTF8.GetBytes(broken)), "council-1", ImplementationState.NotMet, new YearMonth(2024, 2), null);

        Assert.Null(edit.Bytes);
        Assert.Equal("reviews/odd-2022.md has errors; run 'dhr check' and fix them first.", edit.Error);
    }

    [Fact]
    public void Keeps_the_source_of_a_status_as_written_in_block_and_flow_style()
    {
        var block = Odd.Replace("      as_of: 2023-01\n    anchor: council-1",
            "      as_of: 2023-01\n      source: \"Council update, 2023\"\n    anchor: council-1", StringComparison.Ordinal);
        var flow = Odd.Replace("status: {state: unknown, as_of: 2022-05, target: 2023-12}",
            "status: {state: unknown, as_of: 2022-05, source: 'Police, by letter', target: 2023-12}", StringComparison.Ordinal);
        Assert.Contains("source: \"Council update", block, StringComparison.Ordinal);
        Assert.Contains("source: 'Police", flow, StringComparison.Ordinal);

        Assert.Equal(block.Replace("\"not-met\"      # quoted", "\"partly-met\"      # quoted", StringComparison.Ordinal).Replace("as_of: 2023-01", "as_of: 2024-02", StringComparison.Ordinal),
            Edit(block, "council-1", ImplementationState.PartlyMet, new YearMonth(2024, 2)));
        Assert.Equal(flow.Replace("status: {state: unknown, as_of: 2022-05, source: 'Police, by letter', target: 2023-12}",
                "status: {state: not-met, as_of: 2024-02, target: 2023-12, source: 'Police, by letter'}", StringComparison.Ordinal),
            Edit(flow, "r3-example-police", ImplementationState.NotMet, new YearMonth(2024, 2)));
    }
}
