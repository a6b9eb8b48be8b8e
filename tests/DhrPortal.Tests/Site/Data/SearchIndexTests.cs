using System.Text.Json;
using DhrPortal.Site.Data;
using Xunit;
using static DhrPortal.Tests.Site.Data.DataTestModel;

namespace DhrPortal.Tests.Site.Data;

public class SearchIndexTests
{
    private static JsonElement Index() => JsonDocument.Parse(SearchIndex.Json(Standard())).RootElement;

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public void Index_has_short_top_level_keys()
    {
        Assert.Equal(["v", "th", "ag", "cs", "yr", "rv", "rc"], Index().EnumerateObject().Select(p => p.Name));
        Assert.Equal(SearchIndex.FormatVersion, Index().GetProperty("v").GetInt32());
    }

    [Fact]
    public void Facets_list_only_what_the_documents_use()
    {
        var index = Index();
        Assert.Equal(["training", "mental-health"], index.GetProperty("th").EnumerateArray().Select(p => p[0].GetString()));
        Assert.Equal("Mental health", index.GetProperty("th")[1][1].GetString());
        Assert.Equal(["ccg", "police"], index.GetProperty("ag").EnumerateArray().Select(p => p[0].GetString()));
        Assert.Equal(["cardiff", "exampleton"], index.GetProperty("cs").EnumerateArray().Select(p => p[0].GetString()));
        Assert.Equal([2021, 2023], index.GetProperty("yr").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public void Review_documents_hold_id_title_url_csp_year_and_plain_summary()
    {
        var rv = Index().GetProperty("rv");
        Assert.Equal(3, rv.GetArrayLength());
        var alpha = rv[0];
        Assert.Equal("alpha-2021", alpha[0].GetString());
        Assert.Equal("Review alpha-2021", alpha[1].GetString());
        Assert.Equal("/reviews/alpha-2021/", alpha[2].GetString());
        Assert.Equal(0, alpha[3].GetInt32()); // cardiff
        Assert.Equal(2021, alpha[4].GetInt32());
        Assert.Equal("A summary.", alpha[5].GetString());
        Assert.Equal(JsonValueKind.Null, rv[2][4].ValueKind);
    }

    [Fact]
    public void Recommendation_documents_point_at_their_review_and_facets()
    {
        var rc = Index().GetProperty("rc");
        Assert.Equal(3, rc.GetArrayLength());
        var first = rc[0];
        Assert.Equal(0, first[0].GetInt32());
        Assert.Equal("9.1 a", first[1].GetString());
        Assert.Equal("r9-1-a-ep", first[2].GetString());
        Assert.Equal("See guidance.", first[3].GetString());
        Assert.Equal([1], first[4].EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal([0], first[5].EnumerateArray().Select(i => i.GetInt32()));

        var third = rc[2];
        Assert.Equal(1, third[0].GetInt32());
        Assert.Equal("r2-ccg", third[2].GetString());
        Assert.Equal([0, 1], third[4].EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal([0, 1], third[5].EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public void Texts_are_plain_without_markdown()
    {
        var rc = Index().GetProperty("rc");
        Assert.Equal("EP should train staff, with \"quotes\", commas and a line break.", rc[1][3].GetString());
    }

    [Fact]
    public void Index_is_compact_single_line_json()
    {
        var json = SearchIndex.Json(Standard());
        Assert.DoesNotContain("\n ", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Equal(json, SearchIndex.Json(Standard()));
    }
}
