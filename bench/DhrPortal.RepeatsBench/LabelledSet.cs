using YamlDotNet.RepresentationModel;

namespace DhrPortal.RepeatsBench;

internal enum Label { Repeat, Similar, Unrelated }

internal sealed record Item(string Topic, string Action, string Review, string? Real, string Text, bool HeldOut);

/// <summary>A pair of items (indices into the set), labelled by where the two sit in the set.</summary>
internal sealed record Pair(int A, int B, Label Label, bool HeldOut);

/// <summary>The labelled set: recommendations grouped by topic and by the action they ask (README.md).</summary>
internal sealed class LabelledSet
{
    private const string Singletons = "singletons";

    public required IReadOnlyList<Item> Items { get; init; }
    public int Topics => Items.Select(i => i.Topic).Distinct().Count();
    public int Actions => Items.Select(i => (i.Topic, i.Action)).Distinct().Count();

    public static LabelledSet Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var items = new List<Item>();
        foreach (YamlMappingNode topic in (YamlSequenceNode)root["topics"])
        {
            var topicId = Scalar(topic, "topic")!;
            var heldOut = Scalar(topic, "held_out") == "true";
            foreach (YamlMappingNode action in (YamlSequenceNode)topic["actions"])
                foreach (YamlMappingNode rec in (YamlSequenceNode)action["recs"])
                    items.Add(new Item(topicId, Scalar(action, "action")!, Scalar(rec, "review")!, Scalar(rec, "real"), Scalar(rec, "text")!, heldOut));
        }
        return new LabelledSet { Items = items };
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    /// <summary>
    /// Every pair of items from different reviews. A pair is held out when either item's topic is
    /// (the calibration pairs never touch a held-out topic).
    /// </summary>
    public IEnumerable<Pair> CrossReviewPairs()
    {
        for (var a = 0; a < Items.Count; a++)
            for (var b = a + 1; b < Items.Count; b++)
            {
                var (x, y) = (Items[a], Items[b]);
                if (x.Review == y.Review) continue;
                var label = x.Topic == y.Topic && x.Action == y.Action ? Label.Repeat
                    : x.Topic == y.Topic && x.Topic != Singletons ? Label.Similar
                    : Label.Unrelated;
                yield return new Pair(a, b, label, x.HeldOut || y.HeldOut);
            }
    }
}
