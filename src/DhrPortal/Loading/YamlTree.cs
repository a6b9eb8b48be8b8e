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
        // Keys are unique within a mapping, so each key is looked up once; hashed, so that two large
        // mappings used as keys (hostile input) cost their size, not its square.
        var values = new Dictionary<YamlValue, YamlValue>(m.Children.Count, YamlKeyComparer.Instance);
        foreach (var (k, v) in m.Children) values[k] = v;
        foreach (var (k, v) in Children)
        {
            if (!values.TryGetValue(k, out var match) || !match.SameAs(v)) return false;
        }
        return true;
    }
}

/// <summary>
/// Key equality (<see cref="YamlValue.SameAs"/>) with a structural hash, so duplicate keys are found
/// in time proportional to a mapping's size: a 2 MB file can hold a mapping of 250,000 keys.
/// </summary>
internal sealed class YamlKeyComparer : IEqualityComparer<YamlValue>
{
    public static readonly YamlKeyComparer Instance = new();

    public bool Equals(YamlValue? x, YamlValue? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameAs(y));

    public int GetHashCode(YamlValue value)
    {
        var tag = value.Tag.IsEmpty ? 0 : StringComparer.Ordinal.GetHashCode(value.Tag.Value);
        switch (value)
        {
            case YamlScalar s:
                return HashCode.Combine(tag, StringComparer.Ordinal.GetHashCode(s.Value));
            case YamlSequence q:
                var sequence = new HashCode();
                sequence.Add(tag);
                foreach (var item in q.Children) sequence.Add(GetHashCode(item));
                return sequence.ToHashCode();
            case YamlMapping m:
                // Order-independent, as SameAs is for mappings.
                var entries = 0;
                foreach (var (k, v) in m.Children) entries += HashCode.Combine(GetHashCode(k), GetHashCode(v));
                return HashCode.Combine(tag, m.Children.Count, entries);
            default:
                return tag;
        }
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

    // Keys of a mapping compared one by one up to this many; hashed beyond it.
    private const int ScanLimit = 16;

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
                HashSet<YamlValue>? keys = null;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = Node(parser);
                    var value = Node(parser);
                    // Mappings are small (a review's front matter has 14 known keys): a scan beats a
                    // hash set, up to a size past which a hostile mapping would make the scan quadratic.
                    if (keys is null && items.Count - from >= 2 * ScanLimit)
                    {
                        keys = new HashSet<YamlValue>(YamlKeyComparer.Instance);
                        for (var i = from; i < items.Count; i += 2) keys.Add(items[i]);
                    }
                    var duplicate = false;
                    if (keys is not null) duplicate = !keys.Add(key);
                    else
                    {
                        for (var i = from; i < items.Count && !duplicate; i += 2) duplicate = items[i].SameAs(key);
                    }
                    if (duplicate) throw new YamlException(key.Start, key.End, $"Duplicate key {key}");
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
