using System.Globalization;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Text;
using YamlDotNet.Core;

namespace DhrPortal.Loading;

/// <summary>Where diagnostics for one YAML document go, and how its marks become spans.</summary>
internal sealed class YamlContext(string path, int lineOffset, DiagnosticBag bag)
{
    public string Path { get; } = path;
    public DiagnosticBag Bag { get; } = bag;
    /// <summary>Lines of the file before the YAML document (1 for front matter, after its '---').</summary>
    public int LineOffset { get; } = lineOffset;

    public SourceSpan Span(YamlValue node) => SafeYaml.Span(Path, LineOffset, node.Start);

    /// <summary>Views a node as a mapping with a known set of keys, reporting anything else.</summary>
    public YamlMap? AsMap(YamlValue? node, string what, IReadOnlyCollection<string> knownKeys)
    {
        if (node is YamlMapping map) return new YamlMap(this, map, what, knownKeys);
        if (node is not null)
            Bag.Error(DiagnosticCodes.WrongType, Span(node), $"{what} should be a set of 'key: value' fields, not {Describe(node)}.");
        return null;
    }

    public static string Describe(YamlValue node) => node switch
    {
        YamlScalar s when IsNull(s) => "empty",
        YamlScalar => "a single value",
        YamlSequence => "a list",
        YamlMapping => "a set of fields",
        _ => "something else",
    };

    public static bool IsNull(YamlScalar s) =>
        s.Style == ScalarStyle.Plain && s.Value is null or "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>
/// A typed view of one YAML mapping. Every accessor reports a diagnostic at the offending node and
/// returns null instead of throwing, so one run reports every problem in a file.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlContext _ctx;
    private readonly YamlMapping _node;
    // A list, not a dictionary: a mapping has a handful of keys, and there are hundreds of thousands of mappings.
    private readonly List<(string Name, YamlScalar Key, YamlValue Value)> _entries;

    public YamlMap(YamlContext ctx, YamlMapping node, string what, IReadOnlyCollection<string> knownKeys)
    {
        _ctx = ctx;
        _node = node;
        What = what;
        _entries = new(node.Children.Count);
        foreach (var (k, v) in node.Children)
        {
            if (k is not YamlScalar key || key.Value is null)
            {
                ctx.Bag.Error(DiagnosticCodes.WrongType, ctx.Span(k), $"Keys in {what} must be plain names.");
                continue;
            }
            if (!knownKeys.Contains(key.Value))
            {
                var close = Suggest.Closest(key.Value, knownKeys, 1);
                var suggestion = close.Count > 0 ? close[0] : null;
                var hint = suggestion is null
                    ? $"Known fields here: {string.Join(", ", knownKeys)}."
                    : $"Did you mean '{suggestion}'? Known fields here: {string.Join(", ", knownKeys)}.";
                ctx.Bag.Error(DiagnosticCodes.UnknownKey, ctx.Span(key), $"Unknown field '{key.Value}' in {what}.", hint);
                continue;
            }
            _entries.Add((key.Value, key, v));
        }
    }

    // The last entry of that name, as a dictionary filled in order would keep (two keys can share a name
    // only when one is tagged, '!!str id').
    private bool TryGet(string key, out (string Name, YamlScalar Key, YamlValue Value) entry)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Name == key)
            {
                entry = _entries[i];
                return true;
            }
        }
        entry = default;
        return false;
    }

    public string What { get; }
    public SourceSpan Span => _ctx.Span(_node);
    public YamlContext Context => _ctx;

    /// <summary>Span of the value of <paramref name="key"/>, or of the mapping when absent.</summary>
    public SourceSpan SpanOf(string key) => TryGet(key, out var e) ? _ctx.Span(e.Value) : Span;

    /// <summary>The scalar node of <paramref name="key"/>, if it is one; never reports anything.</summary>
    public YamlScalar? ScalarNode(string key) =>
        TryGet(key, out var e) && e.Value is YamlScalar s && !YamlContext.IsNull(s) ? s : null;

    /// <summary>The scalar nodes that <see cref="StringList"/> binds for <paramref name="key"/>, in order; never reports anything.</summary>
    public IReadOnlyList<YamlScalar> ScalarItems(string key) =>
        !TryGet(key, out var e) ? []
        : e.Value is YamlScalar s ? (string.IsNullOrWhiteSpace(s.Value) || YamlContext.IsNull(s) ? [] : [s])
        : e.Value is YamlSequence seq
            ? seq.Children.OfType<YamlScalar>().Where(i => !string.IsNullOrWhiteSpace(i.Value) && !YamlContext.IsNull(i)).ToList()
            : [];

    public bool Has(string key) => TryGet(key, out var e) && !(e.Value is YamlScalar s && YamlContext.IsNull(s));

    private YamlValue? Get(string key, bool required)
    {
        if (TryGet(key, out var e) && !(e.Value is YamlScalar s && YamlContext.IsNull(s))) return e.Value;
        if (required)
        {
            var at = TryGet(key, out var present) ? _ctx.Span(present.Key) : Span;
            _ctx.Bag.Error(DiagnosticCodes.MissingField, at, $"{What} needs '{key}'.");
        }
        return null;
    }

    private YamlScalar? Scalar(string key, bool required)
    {
        var node = Get(key, required);
        if (node is null) return null;
        if (node is YamlScalar s) return s;
        _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(node), $"'{key}' in {What} should be a single value, not {YamlContext.Describe(node)}.");
        return null;
    }

    public string? String(string key, bool required = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        var value = s.Value!.Trim();
        if (value.Length == 0)
        {
            _ctx.Bag.Error(DiagnosticCodes.EmptyValue, _ctx.Span(s), $"'{key}' in {What} is empty.");
            return null;
        }
        return value;
    }

    /// <summary>A text kept exactly as written (block scalars keep their line breaks).</summary>
    public string? Text(string key, bool required = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (string.IsNullOrWhiteSpace(s.Value))
        {
            _ctx.Bag.Error(DiagnosticCodes.EmptyValue, _ctx.Span(s), $"'{key}' in {What} is empty.");
            return null;
        }
        return s.Value!.TrimEnd();
    }

    public string? Slug(string key, bool required = true)
    {
        var value = String(key, required);
        if (value is null) return null;
        if (DhrPortal.Text.Slug.IsValid(value)) return value;
        _ctx.Bag.Error(DiagnosticCodes.InvalidSlug, SpanOf(key), $"'{value}' is not a valid id.",
            $"Use lower-case letters, digits and single hyphens, e.g. '{DhrPortal.Text.Slug.From(value)}'.");
        return null;
    }

    public int? Int(string key, bool required, int min, int max)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (s.Style == ScalarStyle.Plain && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            if (v >= min && v <= max) return v;
            _ctx.Bag.Error(DiagnosticCodes.ImplausibleDate, _ctx.Span(s), $"'{key}' is {v}; expected a value from {min} to {max}.");
            return null;
        }
        _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(s), $"'{key}' in {What} should be a whole number, not '{s.Value}'.");
        return null;
    }

    public YearMonth? Month(string key, bool required = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        var v = s.Value ?? "";
        if (v.Length == 7 && v[4] == '-'
            && int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(v.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && m is >= 1 and <= 12 && y >= 1900)
            return new YearMonth(y, m);
        _ctx.Bag.Error(DiagnosticCodes.InvalidDate, _ctx.Span(s), $"'{key}' should be a month written YYYY-MM, not '{v}'.");
        return null;
    }

    public DateOnly? Date(string key, bool required = true)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1900) return d;
        _ctx.Bag.Error(DiagnosticCodes.InvalidDate, _ctx.Span(s), $"'{key}' should be a date written YYYY-MM-DD, not '{s.Value}'.");
        return null;
    }

    public T? Choice<T>(string key, IReadOnlyList<(string Key, T Value, string Label)> vocabulary, bool required = true) where T : struct
    {
        var value = String(key, required);
        if (value is null) return null;
        foreach (var (k, v, _) in vocabulary)
        {
            if (k == value) return v;
        }
        ReportChoice(key, value, vocabulary.Select(v => v.Key).ToList());
        return null;
    }

    public string? Choice(string key, IReadOnlyList<(string Key, string Label)> vocabulary, bool required = true)
    {
        var value = String(key, required);
        if (value is null) return null;
        if (vocabulary.Any(v => v.Key == value)) return value;
        ReportChoice(key, value, vocabulary.Select(v => v.Key).ToList());
        return null;
    }

    private void ReportChoice(string key, string value, IReadOnlyList<string> allowed)
    {
        var closest = Suggest.Closest(value, allowed, 1);
        var close = closest.Count > 0 ? closest[0] : null;
        _ctx.Bag.Error(DiagnosticCodes.InvalidValue, SpanOf(key),
            $"'{value}' is not an allowed value for '{key}'. Allowed: {string.Join(", ", allowed)}.",
            close is null ? null : $"Did you mean '{close}'?");
    }

    /// <summary>A list of texts; a single value is accepted as a list of one.</summary>
    public IReadOnlyList<(string Value, SourceSpan Span)> StringList(string key, bool required = true)
    {
        var node = Get(key, required);
        var result = new List<(string, SourceSpan)>();
        switch (node)
        {
            case null:
                return result;
            case YamlScalar s when !string.IsNullOrWhiteSpace(s.Value):
                result.Add((s.Value.Trim(), _ctx.Span(s)));
                return result;
            case YamlSequence seq:
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalar i && !string.IsNullOrWhiteSpace(i.Value) && !YamlContext.IsNull(i))
                        result.Add((i.Value.Trim(), _ctx.Span(i)));
                    else
                        _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(item), $"Items of '{key}' should be single values, not {YamlContext.Describe(item)}.");
                }
                if (result.Count == 0 && required)
                    _ctx.Bag.Error(DiagnosticCodes.EmptyValue, _ctx.Span(seq), $"'{key}' in {What} needs at least one item.");
                return result;
            default:
                _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(node), $"'{key}' in {What} should be a list, not {YamlContext.Describe(node)}.");
                return result;
        }
    }

    public YamlMap? Map(string key, string what, IReadOnlyCollection<string> knownKeys, bool required = true) =>
        Get(key, required) is { } node ? _ctx.AsMap(node, what, knownKeys) : null;

    /// <summary>A list of mappings; <paramref name="what"/> receives the 1-based item number.</summary>
    public IReadOnlyList<YamlMap> MapList(string key, Func<int, string> what, IReadOnlyCollection<string> knownKeys, bool required = true)
    {
        var node = Get(key, required);
        var result = new List<YamlMap>();
        if (node is null) return result;
        if (node is not YamlSequence seq)
        {
            _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(node), $"'{key}' in {What} should be a list, not {YamlContext.Describe(node)}.");
            return result;
        }
        var n = 0;
        foreach (var item in seq.Children)
        {
            n++;
            if (_ctx.AsMap(item, what(n), knownKeys) is { } m) result.Add(m);
        }
        return result;
    }

    /// <summary>A mapping of text to text, e.g. abbreviations.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var node = Get(key, required: false);
        if (node is null) return result;
        if (node is not YamlMapping map)
        {
            _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(node), $"'{key}' should be a set of 'SHORT: what it stands for' lines.");
            return result;
        }
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalar ks && !string.IsNullOrWhiteSpace(ks.Value) && v is YamlScalar vs && !string.IsNullOrWhiteSpace(vs.Value))
                result[ks.Value.Trim()] = vs.Value.Trim();
            else
                _ctx.Bag.Error(DiagnosticCodes.WrongType, _ctx.Span(k), $"Each entry of '{key}' should be 'SHORT: what it stands for'.");
        }
        return result;
    }
}
