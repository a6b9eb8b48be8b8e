using System.Runtime.InteropServices;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DhrPortal.Loading;

/// <summary>
/// A node of a parsed YAML document, with the 1-based line and column YamlDotNet's events give it
/// (a collection's marks are those of its opening event, as in YamlDotNet's own tree). The loaders'
/// own small tree, built straight from the parser's events: YamlDotNet's representation model keeps a
/// dictionary per mapping, and building it was a third of the check's YAML allocations at 20,000 reviews.
/// </summary>
internal abstract class YamlValue
{
    // The event itself is kept, not copies of its fields: there are millions of nodes.
    private protected abstract NodeEvent Event { get; }

    public Mark Start => Event.Start;
    public Mark End => Event.End;
    public TagName Tag => Event.Tag;

    /// <summary>Key equality as YamlDotNet's tree has it (same tag, same value or same items), for duplicate keys.</summary>
    public abstract bool SameAs(YamlValue other);

    public override string ToString() => this is YamlScalar s ? s.Value : GetType().Name;
}

internal sealed class YamlScalar(Scalar e) : YamlValue
{
    private protected override NodeEvent Event => e;
    public string Value => e.Value;
    public ScalarStyle Style => e.Style;

    public override bool SameAs(YamlValue other) => other is YamlScalar s && Tag.Equals(s.Tag) && Value == s.Value;
}

internal sealed class YamlSequence(SequenceStart e, List<YamlValue> children) : YamlValue
{
    private protected override NodeEvent Event => e;
    public List<YamlValue> Children { get; } = children;
    public SequenceStyle Style => e.Style;

    public override bool SameAs(YamlValue other)
    {
        if (other is not YamlSequence s || !Tag.Equals(s.Tag) || Children.Count != s.Children.Count) return false;
        for (var i = 0; i < Children.Count; i++)
        {
            if (!Children[i].SameAs(s.Children[i])) return false;
        }
        return true;
    }
}

internal sealed class YamlMapping(MappingStart e, List<KeyValuePair<YamlValue, YamlValue>> children) : YamlValue
{
    private protected override NodeEvent Event => e;
    /// <summary>Entries in the order written; no two keys are the same (the parse refuses that).</summary>
    public List<KeyValuePair<YamlValue, YamlValue>> Children { get; } = children;
    public MappingStyle Style => e.Style;

    /// <summary>The value of the untagged scalar key <paramref name="key"/>, or null.</summary>
    public YamlValue? Get(string key)
    {
        foreach (var (k, v) in Children)
        {
            if (k is YamlScalar { Tag.IsEmpty: true } s && s.Value == key) return v;
        }
        return null;
    }

    public override bool SameAs(YamlValue other)
    {
        if (other is not YamlMapping m || !Tag.Equals(m.Tag) || Children.Count != m.Children.Count) return false;
        foreach (var (k, v) in Children)
        {
            var match = m.Children.FindIndex(o => o.Key.SameAs(k));
            if (match < 0 || !m.Children[match].Value.SameAs(v)) return false;
        }
        return true;
    }

}

/// <summary>
/// Builds <see cref="YamlValue"/> trees from parser events, consuming them exactly as YamlDotNet's
/// <c>YamlStream.Load</c> does, so that a malformed input fails at the same event with the same error.
/// </summary>
internal static class YamlTree
{
    /// <summary>The root of every document in the stream, in order.</summary>
    public static List<YamlValue> Load(IParser parser)
    {
        var documents = new List<YamlValue>(1);
        parser.Consume<StreamStart>();
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            parser.Consume<DocumentStart>();
            YamlValue? root = null;
            while (!parser.TryConsume<DocumentEnd>(out _)) root = Node(parser);
            documents.Add(root ?? throw new ArgumentException("Atempted to parse an empty document"));
        }
        return documents;
    }

    // Items of the collections being read, innermost last, shared by every level of one parse: each
    // collection gets a list of exactly its size, instead of one grown (and copied) item by item.
    [ThreadStatic] private static List<YamlValue>? t_items;

    private static YamlValue Node(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar)) return new YamlScalar(scalar);
        var items = t_items ??= [];
        var from = items.Count;
        try
        {
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(Node(parser));
                var children = new List<YamlValue>(items.Count - from);
                children.AddRange(CollectionsMarshal.AsSpan(items)[from..]);
                return new YamlSequence(sequenceStart, children);
            }
            if (parser.TryConsume<MappingStart>(out var mappingStart))
            {
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = Node(parser);
                    var value = Node(parser);
                    // Mappings are small (a review's front matter has 14 known keys): a scan beats a dictionary.
                    for (var i = from; i < items.Count; i += 2)
                    {
                        if (items[i].SameAs(key)) throw new YamlException(key.Start, key.End, $"Duplicate key {key}");
                    }
                    items.Add(key);
                    items.Add(value);
                }
                var entries = new List<KeyValuePair<YamlValue, YamlValue>>((items.Count - from) / 2);
                for (var i = from; i < items.Count; i += 2) entries.Add(new(items[i], items[i + 1]));
                return new YamlMapping(mappingStart, entries);
            }
        }
        finally
        {
            // Also after an error, so that the next parse on this thread starts empty.
            items.RemoveRange(from, items.Count - from);
        }
        // Aliases never get here: the guarded parser refuses them first.
        throw new ArgumentException("The current event is of an unsupported type.", nameof(parser));
    }
}
