namespace DhrPortal.Learning;

/// <summary>
/// Scores how likely two recommendations ask the same concrete action (a repeat), as opposed to
/// touching the same topic: TF-IDF cosine over their <see cref="ActionTerms"/>,
/// with document frequencies from the corpus compared, and 0 unless the two share at least three
/// action terms. Lexical by measurement
/// (docs/learning.md): on the labelled set it meets the target that sentence embeddings miss, and
/// costs milliseconds where a model costs tens of milliseconds a text.
/// </summary>
public sealed class RepeatDetector
{
    /// <summary>
    /// Score at or above which a pair is called a repeat; chosen on the calibration half of the
    /// labelled set (bench/DhrPortal.RepeatsBench), precision ≥ 0.9.
    /// </summary>
    public const double Threshold = 0.295;

    private readonly TermVectors _vectors;

    private RepeatDetector(TermVectors vectors) => _vectors = vectors;

    /// <summary>A detector over a corpus of recommendation texts (indices are positions in it).</summary>
    /// <param name="texts">The recommendations.</param>
    /// <param name="names">For each text, the words naming its own review's place (or null).</param>
    public static RepeatDetector Create(IReadOnlyList<string> texts, IReadOnlyList<IReadOnlySet<string>?>? names = null) =>
        FromTerms(texts.Select((t, i) => ActionTerms.Of(t, names?[i])).ToList());

    /// <summary>A detector over texts already turned into <see cref="ActionTerms"/>.</summary>
    internal static RepeatDetector FromTerms(IReadOnlyList<IReadOnlyList<string>> terms) => new(new TermVectors(terms, bigrams: false));

    /// <summary>Score of the pair (a, b), 0 to 1.</summary>
    public double Score(int a, int b)
    {
        var (cosine, shared) = TermVectors.Compare(_vectors.Vectors[a], _vectors.Vectors[b]);
        return shared >= MinShared ? cosine : 0;
    }

    // Measured: two short texts sharing one or two rare words ("commissioners should fund ...") made
    // most of the false repeats; requiring three shared action terms removed them and no true repeat.
    private const int MinShared = 3;
}
