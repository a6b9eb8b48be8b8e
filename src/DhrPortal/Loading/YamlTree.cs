using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DhrPortal.Loading;

/// <summary>
/// A node of a parsed YAML document, with the 1-based line and column YamlDotNet's events give it
/// (a collection's marks are those of its opening event, as in YamlDotNet's own tree). The loaders'
/// own small tree, built straight from the parser's events: YamlDotNet's representation model keeps a
/// dictionary per mapping, and building it was a third of the check's YAML allocations at 20,000 reviews.
/// </summary>
internal abstract class YamlValue(Mark start, Mark end, TagName tag)
{
    public Mark Start { get; } = start;
    public Mark End { get; } = end;
    public TagName Tag { get; } = tag;

    /// <summary>Key equality as YamlDotNet's tree has it (same tag, same value or same items), for duplicate keys.</summary>
    public abstract bool SameAs(YamlValue other);

    public override string ToString() => this is YamlScalar s ? s.Value : GetType().Name;
}

internal sealed class YamlScalar(Scalar e) : YamlValue(e.Start, e.End, e.Tag)
{
    public string Value { get; } = e.Value;
    public ScalarStyle Style { get; } = e.Style;

    public override bool SameAs(YamlValue other) => other is YamlScalar s && Tag.Equals(s.Tag) && Value == s.Value;
}

internal sealed class YamlSequence(SequenceStart e) : YamlValue(e.Start, e.End, e.Tag)
{
    public List<YamlValue> Children { get; } = [];
    public SequenceStyle Style { get; } = e.Style;

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

internal sealed class YamlMapping(MappingStart e) : YamlValue(e.Start, e.End, e.Tag)
{
    /// <summary>Entries in the order written; no two keys are the same (the parse refuses that).</summary>
    public List<KeyValuePair<YamlValue, YamlValue>> Children { get; } = [];
    public MappingStyle Style { get; } = e.Style;

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

    /// <summary>Adds an entry, or returns false when the mapping already has the same key.</summary>
    public bool TryAdd(YamlValue key, YamlValue value)
    {
        // Mappings are small (a review's front matter has 14 known keys), so a scan beats a dictionary.
        foreach (var (k, _) in Children)
        {
            if (k.SameAs(key)) return false;
        }
        Children.Add(new(key, value));
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

    private static YamlValue Node(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar)) return new YamlScalar(scalar);
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var sequence = new YamlSequence(sequenceStart);
            while (!parser.TryConsume<SequenceEnd>(out _)) sequence.Children.Add(Node(parser));
            return sequence;
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var mapping = new YamlMapping(mappingStart);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Node(parser);
                var value = Node(parser);
                if (!mapping.TryAdd(key, value)) throw new YamlException(key.Start, key.End, $"Duplicate key {key}");
            }
            return mapping;
        }
        // Aliases never get here: the guarded parser refuses them first.
        throw new ArgumentException("The current event is of an unsupported type.", nameof(parser));
    }
}
