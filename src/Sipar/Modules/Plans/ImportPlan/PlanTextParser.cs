using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

/// <summary>
/// Reads a plan (Kế hoạch) written as plain text or Markdown, in the layout agencies use: header (Số, place and
/// date), title, the documents it implements, part I (purposes and requirements), part II (sections with a lead
/// unit, coordinating units and bullet tasks), part III (implementation duties), Nơi nhận and the signer.
/// It copes with page breaks inside a sentence, bold and heading markers, numbering styles (I., 1., 1.1., a), -,
/// •), CRLF, tabs and non-breaking spaces. It never throws: what it cannot find is reported as a warning.
/// </summary>
internal static partial class PlanTextParser
{
    /// <summary>What stands for "every unit" when a section names no lead unit but addresses them all.</summary>
    public const string AllUnits = "các cơ quan, đơn vị";

    /// <summary>Longer texts are cut here (with a warning): no plan is anywhere near this long.</summary>
    public const int MaxLength = 2_000_000;

    /// <param name="text">The plan's text.</param>
    /// <param name="log">Where a failure of the parser itself is logged (with the exception), for the developers.</param>
    public static PlanDraft Parse(string? text, ILogger? log = null)
    {
        try
        {
            if (text is { Length: > MaxLength })
            {
                var cut = Parse(text[..MaxLength], log);
                return cut with { Warnings = [.. cut.Warnings, new ParseWarning("too-long", "Văn bản quá dài; chỉ đọc 2 triệu ký tự đầu.")] };
            }

            return new Reader(Paragraphs(text ?? "")).Read();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException or KeyNotFoundException or NullReferenceException or RegexMatchTimeoutException)
        {
            // A document the heuristics did not foresee: the person still gets the review page to fill in by hand,
            // and the failure is logged for the developers (its English message is not shown).
            if (log is not null)
            {
                LogParserFailed(log, e, text?.Length ?? 0);
            }

            return Empty([new ParseWarning("parser-error", "Không đọc được cấu trúc văn bản; hãy nhập các mục trên trang xem lại.")]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The plan parser failed on a text of {Length} characters")]
    private static partial void LogParserFailed(ILogger logger, Exception exception, int length);

    internal static PlanDraft Empty(IReadOnlyList<ParseWarning> warnings) =>
        new(null, null, null, null, null, null, null, [], [], [], [], [], [], new SignerDraft(null, null), warnings);

    /// <summary>One paragraph after clean-up. <paramref name="Emphasised"/>: a Markdown heading or wholly bold.</summary>
    internal sealed record Paragraph(string Text, bool Emphasised);

    /// <summary>Cleans the text and joins the pieces of a sentence that a page break split.</summary>
    internal static List<Paragraph> Paragraphs(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            cleaned.Append(ch switch
            {
                '\u00A0' or '\u2007' or '\u202F' or '\t' or '\f' or '\v' => ' ',
                '\u200B' or '\uFEFF' or '\u00AD' => '\0',
                '\r' => '\n',
                _ => ch,
            });
        }

        var lines = HeaderCells(cleaned.ToString().Replace("\0", "", StringComparison.Ordinal).Split('\n'));
        var result = new List<Paragraph>();
        var inBody = false;
        var blankBefore = false;
        foreach (var raw in lines)
        {
            var line = MultiSpace().Replace(raw, " ").Trim();
            if (line.Length == 0)
            {
                blankBefore = true;
                continue;
            }

            var emphasised = false;
            var heading = MarkdownHeading().Match(line);
            if (heading.Success)
            {
                line = heading.Groups[1].Value;
                emphasised = true;
            }

            line = line.Replace("\\-", "-", StringComparison.Ordinal).Replace("\\.", ".", StringComparison.Ordinal);
            if (line.StartsWith("**", StringComparison.Ordinal) && line.EndsWith("**", StringComparison.Ordinal) && line.Length > 4)
            {
                emphasised = true;
            }

            line = line.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim();
            if (line.Length == 0 || OnlyPunctuation().IsMatch(line))
            {
                continue;
            }

            if (!inBody && VietnameseText.Fold(line) is "ke hoach")
            {
                inBody = true;
                result.Add(new Paragraph(line, true));
                blankBefore = false;
                continue;
            }

            var previous = result.Count > 0 ? result[^1] : null;
            if (inBody && previous is not null && ContinuesPrevious(previous, line, emphasised, blankBefore))
            {
                result[^1] = previous with { Text = previous.Text + " " + line };
            }
            else
            {
                result.Add(new Paragraph(line, emphasised));
            }

            blankBefore = false;
        }

        return result;
    }

    /// <summary>
    /// The header as legal-document websites and Word conversions give it: a two-column table whose cells come one after
    /// another or on one row with "|" between them. Before "KẾ HOẠCH" every cell becomes a line of its own, and a
    /// "KẾ" / "HOẠCH" split over two lines is joined.
    /// </summary>
    private static List<string> HeaderCells(string[] lines)
    {
        static string Bare(string line) => VietnameseText.Fold(line.Replace("#", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).Replace("|", " ", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => Bare(l) == "ke hoach");
        var split = -1;
        for (var i = 0; i + 1 < lines.Length && end < 0; i++)
        {
            if (Bare(lines[i]) == "ke" && Bare(lines[i + 1]) == "hoach")
            {
                split = i;
                break;
            }
        }

        var headerEnd = end >= 0 ? end : split >= 0 ? split : lines.Length;
        if (end < 0 && split < 0)
        {
            return [.. lines];   // no header to take apart
        }

        var result = new List<string>(lines.Length + 16);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i < headerEnd && lines[i].Contains('|', StringComparison.Ordinal))
            {
                result.AddRange(lines[i].Split('|').Select(c => c.Trim()).Where(c => c.Length > 0));
            }
            else if (i == split)
            {
                result.Add("KẾ HOẠCH");
                i++;
            }
            else
            {
                result.Add(lines[i]);
            }
        }

        return result;
    }

    private static bool ContinuesPrevious(Paragraph previous, string line, bool emphasised, bool blankBefore)
    {
        if (previous.Emphasised || emphasised || StartsStructure(line) || IsRecipientsHeading(previous.Text) || IsRecipientsHeading(line))
        {
            return false;
        }

        // "Căn cứ …" / "Thực hiện …" opens the preamble: never the tail of the title before it.
        if (char.IsUpper(line[0]) && Reader.StartsPreamble(VietnameseText.Fold(line)))
        {
            return false;
        }

        var last = previous.Text[^1];
        if (".;:!?…".Contains(last, StringComparison.Ordinal))
        {
            return false;
        }

        // Without a blank line, a long line that ends mid-sentence was wrapped (a short one is a heading); after a
        // blank line it is a page break, and the next piece still starts in the middle of the sentence.
        if (char.IsLower(line[0]) || EndsMidPhrase().IsMatch(previous.Text))
        {
            return true;
        }

        return !blankBefore && previous.Text.Length >= WrappedLineLength;
    }

    /// <summary>Lines at least this long that end mid-sentence are taken as wrapped, not as headings.</summary>
    private const int WrappedLineLength = 60;

    private static bool StartsStructure(string line) =>
        Bullet().IsMatch(line) || Roman().IsMatch(line) || Numbered().IsMatch(line) || Lettered().IsMatch(line);

    private static bool IsRecipientsHeading(string line) => VietnameseText.Fold(line).StartsWith("noi nhan", StringComparison.Ordinal);

    /// <summary>Walks the paragraphs once, part by part.</summary>
    private sealed class Reader(List<Paragraph> paragraphs)
    {
        private readonly List<ParseWarning> warnings = [];
        private readonly List<string> purposes = [];
        private readonly List<string> requirements = [];
        private readonly List<SectionBuilder> sections = [];
        private readonly List<DutyDraft> duties = [];
        private readonly List<string> recipients = [];
        private readonly List<string> headerCaps = [];
        private readonly List<string> titleParts = [];
        private readonly List<string> preamble = [];
        private readonly List<string> signerTitle = [];
        private string? number;
        private string? symbol;
        private string? place;
        private DateOnly? date;
        private int? year;
        private string? signerName;
        private bool sawNumberLine;
        private bool sawDateLine;
        private bool mottoOpen;
        private bool romanSeen;
        private int? sectionDepth;
        private string? pendingDate;

        private enum Part
        {
            Header,
            Title,
            Preamble,
            Purposes,
            Tasks,
            Implementation,
            Recipients,
            Signer,
        }

        public PlanDraft Read()
        {
            var part = Part.Header;
            var purposeList = purposes;
            DutyBuilder? duty = null;
            foreach (var p in paragraphs)
            {
                var fold = VietnameseText.Fold(p.Text);
                if (part == Part.Header)
                {
                    if (fold == "ke hoach")
                    {
                        part = Part.Title;
                        continue;
                    }

                    ReadHeaderLine(p.Text);
                    continue;
                }

                if (part is not Part.Recipients and not Part.Signer && IsRecipientsHeading(p.Text))
                {
                    FinishDuty(ref duty);
                    part = Part.Recipients;
                    var inline = p.Text[(p.Text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    if (inline.Length > 0)
                    {
                        AddRecipient(inline);
                    }

                    continue;
                }

                var roman = Roman().Match(p.Text);
                if (roman.Success && part is not Part.Recipients and not Part.Signer)
                {
                    FinishDuty(ref duty);
                    romanSeen = true;
                    part = PartOf(roman.Groups[1].Value, VietnameseText.Fold(roman.Groups[2].Value));
                    continue;
                }

                // A plan without "I.", "II.", "III." parts: its top-level "1. Mục tiêu", "2. Nhiệm vụ", "3. Tổ chức thực
                // hiện" items are the parts.
                if (!romanSeen && part is Part.Preamble or Part.Purposes or Part.Tasks or Part.Implementation
                    && Numbered().Match(p.Text) is { Success: true } top && !top.Groups[1].Value.Contains('.', StringComparison.Ordinal)
                    && TopLevelPart(VietnameseText.Fold(top.Groups[2].Value)) is { } next)
                {
                    FinishDuty(ref duty);
                    if (next == Part.Tasks && part != Part.Tasks)
                    {
                        warnings.Add(new ParseWarning("parts-unnumbered", $"Kế hoạch không chia phần I, II, III: mục \"{p.Text}\" được hiểu là phần nhiệm vụ; hãy kiểm tra các nội dung."));
                    }

                    part = next;
                    if (next == Part.Purposes)
                    {
                        purposeList = VietnameseText.Fold(top.Groups[2].Value).StartsWith("yeu cau", StringComparison.Ordinal) ? requirements : purposes;
                    }

                    continue;
                }

                switch (part)
                {
                    case Part.Title:
                        // The first paragraph after "KẾ HOẠCH" is the title; more emphasised lines continue it.
                        if ((p.Emphasised || titleParts.Count == 0 || (titleParts.Count > 0 && IsCapitals(p.Text) && IsCapitals(titleParts[^1]))) && !StartsPreamble(fold))
                        {
                            titleParts.Add(p.Text);
                        }
                        else
                        {
                            part = Part.Preamble;
                            preamble.Add(p.Text);
                        }

                        break;
                    case Part.Preamble:
                        preamble.Add(p.Text);
                        break;
                    case Part.Purposes:
                        var numbered = Numbered().Match(p.Text);
                        if (numbered.Success && !numbered.Groups[1].Value.Contains('.', StringComparison.Ordinal))
                        {
                            var heading = VietnameseText.Fold(numbered.Groups[2].Value);
                            purposeList = heading.StartsWith("yeu cau", StringComparison.Ordinal) ? requirements : purposes;
                            continue;
                        }

                        purposeList.Add(StripMarker(p.Text));
                        break;
                    case Part.Tasks:
                        ReadTaskPart(p);
                        break;
                    case Part.Implementation:
                        var item = Numbered().Match(p.Text);
                        if (item.Success && (p.Emphasised || !item.Groups[1].Value.Contains('.', StringComparison.Ordinal)))
                        {
                            FinishDuty(ref duty);
                            duty = new DutyBuilder("III." + item.Groups[1].Value.TrimEnd('.'), item.Groups[2].Value.Trim());
                        }
                        else if (duty is not null)
                        {
                            duty.Text.Add(p.Text);
                        }
                        else
                        {
                            duty = new DutyBuilder("III", "", [p.Text]);
                        }

                        break;
                    case Part.Recipients:
                        if (Bullet().IsMatch(p.Text) && !p.Emphasised)
                        {
                            AddRecipient(StripMarker(p.Text));
                        }
                        else
                        {
                            part = Part.Signer;
                            ReadSignerLine(p.Text);
                        }

                        break;
                    case Part.Signer:
                        ReadSignerLine(p.Text);
                        break;
                }
            }

            FinishDuty(ref duty);
            return Build();
        }

        internal static bool StartsPreamble(string fold) =>
            fold.StartsWith("can cu", StringComparison.Ordinal) || fold.StartsWith("thuc hien ", StringComparison.Ordinal);

        /// <summary>What a top-level "1. …" heading opens in a plan without Roman parts, or null for an item of the current part.</summary>
        private static Part? TopLevelPart(string heading) =>
            heading.StartsWith("muc tieu", StringComparison.Ordinal) || heading.StartsWith("muc dich", StringComparison.Ordinal) || heading.StartsWith("yeu cau", StringComparison.Ordinal)
                || heading.StartsWith("chi tieu", StringComparison.Ordinal) ? Part.Purposes
            : heading.StartsWith("to chuc thuc hien", StringComparison.Ordinal) || heading.StartsWith("trach nhiem", StringComparison.Ordinal) ? Part.Implementation
            : heading.StartsWith("nhiem vu", StringComparison.Ordinal) || heading.StartsWith("noi dung", StringComparison.Ordinal) || heading.StartsWith("giai phap", StringComparison.Ordinal) ? Part.Tasks
            : null;

        private static Part PartOf(string roman, string heading)
        {
            if (heading.Contains("muc dich", StringComparison.Ordinal) || heading.Contains("yeu cau", StringComparison.Ordinal))
            {
                return Part.Purposes;
            }

            if (heading.Contains("to chuc thuc hien", StringComparison.Ordinal) || heading.Contains("trach nhiem", StringComparison.Ordinal))
            {
                return Part.Implementation;
            }

            if (heading.Contains("nhiem vu", StringComparison.Ordinal) || heading.Contains("giai phap", StringComparison.Ordinal) || heading.Contains("noi dung", StringComparison.Ordinal))
            {
                return Part.Tasks;
            }

            return roman switch
            {
                "I" => Part.Purposes,
                "II" => Part.Tasks,
                _ => Part.Implementation,
            };
        }

        private void ReadHeaderLine(string line)
        {
            var fold = VietnameseText.Fold(line);

            // The place and date split over lines ("Bình Định, ngày 21" / "tháng 11 năm 2022", "Hà Giang," / "ngày …").
            if (pendingDate is not null)
            {
                var joined = pendingDate + " " + line;
                pendingDate = null;
                if (DateLine().IsMatch(joined) || joined.Length < 80 && PlaceStart().IsMatch(joined) && !fold.Contains("nam", StringComparison.Ordinal))
                {
                    ReadHeaderLine(joined);
                    return;
                }
            }

            if (!DateLine().IsMatch(line) && PlaceStart().IsMatch(line) && !NumberLine().IsMatch(line))
            {
                pendingDate = line;
                return;
            }

            // The motto over two or three lines: "CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM", "Độc lập - Tự do -" / "Hạnh phúc".
            if (mottoOpen)
            {
                mottoOpen = false;
                if (fold.Contains("viet nam", StringComparison.Ordinal) || fold.StartsWith("nghia", StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (fold.StartsWith("cong hoa xa hoi", StringComparison.Ordinal))
            {
                mottoOpen = !fold.Contains("viet nam", StringComparison.Ordinal);
                return;
            }

            if (fold.Contains("doc lap", StringComparison.Ordinal) || fold.StartsWith("tu do", StringComparison.Ordinal) || fold.StartsWith("hanh phuc", StringComparison.Ordinal))
            {
                return;
            }

            var numberLine = NumberLine().Match(line);
            if (numberLine.Success)
            {
                sawNumberLine = true;
                number = numberLine.Groups[1].Value.Trim() is { Length: > 0 } n ? n : null;
                symbol = numberLine.Groups[2].Value.Trim() is { Length: > 0 } s ? s : null;
                return;
            }

            var dateLine = DateLine().Match(line);
            if (dateLine.Success)
            {
                sawDateLine = true;
                place = dateLine.Groups["place"].Value.Trim();
                year = int.Parse(dateLine.Groups["year"].Value, CultureInfo.InvariantCulture);
                var day = dateLine.Groups["day"].Success ? int.Parse(dateLine.Groups["day"].Value, CultureInfo.InvariantCulture) : (int?)null;
                var month = dateLine.Groups["month"].Success ? int.Parse(dateLine.Groups["month"].Value, CultureInfo.InvariantCulture) : (int?)null;
                if (day is { } d && month is { } m && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(year.Value, m))
                {
                    date = new DateOnly(year.Value, m, d);
                }
                else
                {
                    warnings.Add(new ParseWarning("date-incomplete", $"Ngày ban hành chưa đầy đủ (\"{line}\"): cần bổ sung khi ban hành."));
                }

                return;
            }

            if (line.All(c => !char.IsLetter(c)))
            {
                return;
            }

            if (IsCapitals(line))
            {
                // "ỦY BAN NHÂN DÂN" / "TỈNH BÌNH ĐỊNH": one body written over two lines.
                if (headerCaps.Count > 0 && GoverningBody().IsMatch(VietnameseText.Fold(headerCaps[^1])) && PlaceLevel().IsMatch(fold))
                {
                    headerCaps[^1] += " " + line;
                }
                else
                {
                    headerCaps.Add(line);
                }
            }
        }

        private void ReadTaskPart(Paragraph p)
        {
            var numbered = Numbered().Match(p.Text);
            var current = sections.Count > 0 ? sections[^1] : null;
            var depth = numbered.Success ? numbered.Groups[1].Value.TrimEnd('.').Count(c => c == '.') : -1;
            var isSectionHeading = numbered.Success && (p.Emphasised || current is null || depth == sectionDepth
                || !numbered.Groups[1].Value.Contains('.', StringComparison.Ordinal) && (current.Tasks.Count > 0 || current.Lead is not null || SectionLabel().IsMatch(numbered.Groups[2].Value)));
            if (isSectionHeading)
            {
                sectionDepth ??= depth;
                var heading = SectionLabel().Replace(numbered.Groups[2].Value.Trim(), "").Trim();
                sections.Add(new SectionBuilder("II." + numbered.Groups[1].Value.TrimEnd('.'), heading));
                return;
            }

            // A bold line that is not a task: a heading without a number.
            if (p.Emphasised && !numbered.Success && !Bullet().IsMatch(p.Text) && !Lettered().IsMatch(p.Text))
            {
                sections.Add(new SectionBuilder("II." + (sections.Count + 1).ToString(CultureInfo.InvariantCulture), p.Text.Trim().TrimEnd(':').Trim()));
                return;
            }

            current ??= AddImplicitSection();
            var fold = VietnameseText.Fold(p.Text);
            var prose = !Bullet().IsMatch(p.Text) && !Lettered().IsMatch(p.Text) && !numbered.Success;
            if (prose && fold.Contains(" chu tri", StringComparison.Ordinal))
            {
                if (current.Tasks.Count > 0 || current.Lead is not null)
                {
                    // "X chủ trì, phối hợp với Y …" again under the same heading: another lead, so another section.
                    var heading = current.Heading;
                    current = new SectionBuilder("II." + (sections.Count + 1).ToString(CultureInfo.InvariantCulture), heading);
                    sections.Add(current);
                    warnings.Add(new ParseWarning("section-by-lead", $"Mục \"{heading}\" có nhiều đơn vị chủ trì: Sipar tách thành nội dung riêng từ câu \"{p.Text}\"; hãy kiểm tra."));
                }

                if (ReadLead(current, p.Text) is { } duty)
                {
                    current.Tasks.Add(duty);   // the sentence also says what to do
                }

                return;
            }

            current.Tasks.Add(StripMarker(p.Text));
        }

        private SectionBuilder AddImplicitSection()
        {
            var section = new SectionBuilder("II." + (sections.Count + 1).ToString(CultureInfo.InvariantCulture), "");
            sections.Add(section);
            return section;
        }

        /// <summary>
        /// Reads "X chủ trì, phối hợp với Y, Z[: | what to do]" into the section's lead and coordinating units; returns the
        /// sentence when it also says what to do (a prose task), else null.
        /// </summary>
        private static string? ReadLead(SectionBuilder section, string text)
        {
            var fold = VietnameseText.Fold(text);
            var at = fold.IndexOf(" chu tri", StringComparison.Ordinal);
            section.Lead = text[..at].Trim().TrimEnd(',');
            var with = fold.IndexOf("phoi hop voi", at, StringComparison.Ordinal);
            var from = with < 0 ? at + " chu tri".Length : with + "phoi hop voi".Length;
            // The units end where what they do begins ("… Đài Truyền thanh thực hiện …").
            var verb = DutyVerb().Match(fold, from);
            var task = verb.Success ? text.Trim() : null;
            if (with < 0)
            {
                return task ?? (fold[from..].Trim(' ', ',', ':', '.', ';').Length > 0 ? text.Trim() : null);
            }

            var list = text[(with + "phoi hop voi".Length)..(verb.Success ? verb.Index : text.Length)].Trim().TrimEnd(':', '.', ';', ',').Trim();
            list = Parenthesised().Replace(list, "").Trim();
            // "các cơ quan, đơn vị" names one group although it holds a comma.
            const string placeholder = "\u0001";
            var protectedList = Regex.Replace(list, "các cơ quan, đơn vị", "các cơ quan" + placeholder + " đơn vị", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            foreach (var part in protectedList.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var unit = part.Replace(placeholder, ",", StringComparison.Ordinal);
                unit = unit.StartsWith("và ", StringComparison.OrdinalIgnoreCase) ? unit[3..].Trim() : unit;
                section.Coordinating.Add(unit);
            }

            return task;
        }

        private void AddRecipient(string text)
        {
            var r = text.Trim().TrimEnd(';', '.', ',').Trim();
            if (r.Length > 0)
            {
                recipients.Add(r);
            }
        }

        private void ReadSignerLine(string line)
        {
            var fold = VietnameseText.Fold(line);
            if (fold.StartsWith("(da ky", StringComparison.Ordinal) || fold.StartsWith("(ky", StringComparison.Ordinal) || line.All(c => !char.IsLetter(c)))
            {
                return;
            }

            var letters = line.Where(char.IsLetter).ToList();
            if (letters.Count > 0 && letters.All(char.IsUpper) && signerName is null)
            {
                signerTitle.Add(line.Trim());
            }
            else
            {
                signerName = line.Trim();
            }
        }

        private void FinishDuty(ref DutyBuilder? duty)
        {
            if (duty is not null)
            {
                duties.Add(new DutyDraft(duty.Code, duty.Heading, string.Join("\n", duty.Text)));
                duty = null;
            }
        }

        private PlanDraft Build()
        {
            if (!sawNumberLine)
            {
                warnings.Add(new ParseWarning("number-missing", "Không tìm thấy dòng \"Số: …/KH-…\"."));
            }
            else if (number is null)
            {
                warnings.Add(new ParseWarning("number-missing", "Văn bản chưa có số (\"Số: /…\"): cần bổ sung khi ban hành."));
            }

            if (!sawDateLine)
            {
                warnings.Add(new ParseWarning("date-missing", "Không tìm thấy địa danh, ngày tháng năm ban hành."));
            }

            var title = titleParts.Count > 0 ? string.Join(" ", titleParts) : null;
            if (title is null)
            {
                warnings.Add(new ParseWarning("title-missing", "Không tìm thấy trích yếu (tên) của kế hoạch."));
            }

            var issuer = Issuer();
            if (issuer is null)
            {
                warnings.Add(new ParseWarning("issuer-missing", "Không xác định được cơ quan ban hành."));
            }

            // Legal bases are what the preamble cites (the căn cứ / thực hiện lines before the body), never the
            // references inside tasks: those stay in the tasks' own text.
            var legalBases = LegalBases(preamble);
            if (legalBases.Count == 0)
            {
                warnings.Add(new ParseWarning("legal-basis-missing", "Không tìm thấy văn bản căn cứ (Kế hoạch số…, Nghị định số…)."));
            }

            if (sections.Count == 0)
            {
                warnings.Add(new ParseWarning("sections-missing", "Không tìm thấy phần nhiệm vụ, giải pháp (mục II) với các nội dung đánh số."));
            }

            var sectionDrafts = new List<SectionDraft>();
            foreach (var s in sections)
            {
                var lead = s.Lead;
                if (lead is null && s.Tasks.Exists(t => t.Contains(AllUnits, StringComparison.OrdinalIgnoreCase)))
                {
                    lead = AllUnits;
                    warnings.Add(new ParseWarning("lead-all-units", $"Mục {s.Code} không nêu đơn vị chủ trì; các nhiệm vụ giao cho \"{AllUnits}\", nên hiểu là tất cả các cơ quan, đơn vị."));
                }
                else if (lead is null)
                {
                    warnings.Add(new ParseWarning("lead-missing", $"Mục {s.Code} không nêu đơn vị chủ trì."));
                }

                if (s.Tasks.Count == 0)
                {
                    warnings.Add(new ParseWarning("tasks-missing", $"Mục {s.Code} không có nhiệm vụ nào."));
                }

                sectionDrafts.Add(new SectionDraft(s.Code, s.Heading, lead, s.Coordinating, s.Tasks.Select(t => new TaskDraft(t, Targets(t), References(t))).ToList()));
            }

            if (recipients.Count == 0)
            {
                warnings.Add(new ParseWarning("recipients-missing", "Không tìm thấy phần \"Nơi nhận\"."));
            }

            if (signerName is null)
            {
                warnings.Add(new ParseWarning("signer-missing", "Không tìm thấy người ký."));
            }

            return new PlanDraft(
                number, symbol, issuer, place, date, year ?? date?.Year, title, legalBases, purposes, requirements, sectionDrafts, duties,
                recipients, new SignerDraft(signerTitle.Count > 0 ? string.Join(" ", signerTitle) : null, signerName), warnings);
        }

        private string? Issuer()
        {
            // "Sở … xây dựng kế hoạch" names the issuer in its own spelling; otherwise the last capitalised header
            // line (UBND TỈNH… / SỞ…) is the issuer, kept as written.
            foreach (var sentence in preamble)
            {
                var m = IssuerSentence().Match(sentence);
                if (m.Success)
                {
                    // "Thực hiện Kế hoạch … của UBND tỉnh, Sở Tư pháp xây dựng kế hoạch": the issuer is what follows the last comma.
                    var who = m.Groups[1].Value;
                    return who[(who.LastIndexOf(',') + 1)..].Trim();
                }
            }

            return headerCaps.Count > 0 ? headerCaps[^1] : null;
        }

        private sealed class SectionBuilder(string code, string heading)
        {
            public string Code { get; } = code;

            public string Heading { get; } = heading;

            public string? Lead { get; set; }

            public List<string> Coordinating { get; } = [];

            public List<string> Tasks { get; } = [];
        }

        private sealed class DutyBuilder(string code, string heading, List<string>? text = null)
        {
            public string Code { get; } = code;

            public string Heading { get; } = heading;

            public List<string> Text { get; } = text ?? [];
        }
    }

    /// <summary>
    /// The documents the preamble cites: every line that opens with "Căn cứ" or "Thực hiện", split into one basis per
    /// document when a line cites several ("Thực hiện A, B và C"), each keeping the verb the plan used.
    /// </summary>
    internal static List<LegalBasisDraft> LegalBases(IEnumerable<string> preamble)
    {
        ArgumentNullException.ThrowIfNull(preamble);
        var found = new Dictionary<string, LegalBasisDraft>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var raw in preamble)
        {
            var line = raw.Trim();
            var verb = Verb().Match(line);
            if (!verb.Success)
            {
                continue;
            }

            var matches = LegalReference().Matches(line).Where(m => m.Index >= verb.Length).ToList();
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
                var cited = SplitTail().Replace(line[m.Index..end].Trim(), "").Trim();
                var text = verb.Groups[1].Value + " " + cited;
                if (text.Length > 400)
                {
                    text = text[..400].TrimEnd() + "…";
                }

                var draft = new LegalBasisDraft(m.Groups["type"].Value, m.Groups["number"].Value.TrimEnd('.', ',', ';'), DateOf(m),
                    m.Groups["issuer"].Success ? m.Groups["issuer"].Value.Trim() : null, text);
                var key = draft.Type + " " + draft.Number;
                if (!found.TryGetValue(key, out var existing))
                {
                    order.Add(key);
                    found[key] = draft;
                }
                else if (existing.Date is null && draft.Date is not null)
                {
                    found[key] = draft;
                }
            }
        }

        return order.Select(k => found[k]).ToList();
    }

    /// <summary>The documents a task's text names ("Nghị định số 61/2018/NĐ-CP"), once each, in order.</summary>
    internal static List<string> References(string task) =>
        LegalReference().Matches(task).Select(m => m.Groups["type"].Value + " số " + m.Groups["number"].Value.TrimEnd('.', ',', ';')).Distinct(StringComparer.Ordinal).ToList();

    private static DateOnly? DateOf(Match m) =>
        m.Groups["day"].Success
        && int.TryParse(m.Groups["day"].Value, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(m.Groups["month"].Value, CultureInfo.InvariantCulture, out var mo)
        && int.TryParse(m.Groups["year"].Value, CultureInfo.InvariantCulture, out var y)
        && mo is >= 1 and <= 12 && d >= 1 && y is > 1900 and < 2200 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;

    /// <summary>How a legal basis reads in a document: with the verb the plan used, "Căn cứ" for bases stored without one.</summary>
    internal static string Cited(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().TrimEnd('.', ';', ',').Trim();
        return Verb().IsMatch(t) ? t : "Căn cứ " + t;
    }

    /// <summary>
    /// The plan's own targets, read from its "Mục tiêu" / "Chỉ tiêu" lines: "100% thủ tục … được công khai" (the value
    /// first) or "Tỷ lệ hài lòng … đạt trên 80%" (the measure first, its comparison kept with the value).
    /// </summary>
    internal static List<TargetDraft> PlanTargets(IEnumerable<string> purposes)
    {
        ArgumentNullException.ThrowIfNull(purposes);
        var result = new List<TargetDraft>();
        foreach (var line in purposes)
        {
            var m = TrailingTarget().Match(line.Trim());
            if (m.Success)
            {
                var comparison = m.Groups["cmp"].Value.Trim();
                result.Add(new TargetDraft((comparison.Length > 0 ? comparison + " " : "") + m.Groups["value"].Value.Replace(" ", "", StringComparison.Ordinal), m.Groups["measure"].Value.Trim().TrimEnd(',').Trim()));
                continue;
            }

            result.AddRange(Targets(line));
        }

        return result;
    }

    internal static List<TargetDraft> Targets(string task) =>
        Target().Matches(task).Select(m => new TargetDraft(m.Groups["value"].Value.Replace(" ", "", StringComparison.Ordinal), m.Groups["measure"].Value.Trim().TrimEnd(',').Trim()))
            .Where(t => t.Measure.Length > 0)
            .ToList();

    private static string StripMarker(string text)
    {
        var m = Marker().Match(text);
        return (m.Success ? text[m.Length..] : text).Trim();
    }

    private static bool IsCapitals(string line) => line.Any(char.IsLetter) && line.Where(char.IsLetter).All(char.IsUpper);

    /// <summary>A place line waiting for its date: "Hà Giang," or "Bình Định, ngày 21".</summary>
    [GeneratedRegex(@"^[^,\d]{2,60},(?:\s*ngày\b.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceStart();

    [GeneratedRegex(@"^(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)$")]
    private static partial Regex GoverningBody();

    [GeneratedRegex(@"^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b")]
    private static partial Regex PlaceLevel();

    [GeneratedRegex(@"^(?<measure>[^%]{6,200}?)\s+(?:phấn đấu\s+)?(?:đạt|là)\s+(?<cmp>(?:trên|từ|tối thiểu|ít nhất|không dưới|dưới|không quá)\s+)?(?<value>\d{1,3}(?:[.,]\d{1,2})?\s?%)\s*(?:trở lên)?\s*[.;]?$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingTarget();

    /// <summary>Where a list of units ends and a duty begins, on folded text.</summary>
    [GeneratedRegex(@"\s(thuc hien|to chuc|trien khai|tham muu|xay dung|ra soat|kiem tra|tuyen truyen|theo doi|huong dan|bao cao|cap nhat|cong khai)\b")]
    private static partial Regex DutyVerb();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"^#{1,6}\s*(.*)$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^[\[\]\(\)\{\}*_#>|=~`\-–—.]+$")]
    private static partial Regex OnlyPunctuation();

    [GeneratedRegex(@"^[-•–—+*·▪◦●]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(I|II|III|IV|V|VI|VII|VIII|IX|X)[.)]\s+(.+)$")]
    private static partial Regex Roman();

    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(\S.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^([a-zđ])[)\.]\s+(.+)$")]
    private static partial Regex Lettered();

    [GeneratedRegex(@"^(?:[-•–—+*·▪◦●]\s+|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?\s+|[a-zđ][)\.]\s+)")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^N[ộo]i dung\s*\d*\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SectionLabel();

    [GeneratedRegex(@"\((?:sau đây|dưới đây)[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?:\s(?:của|và|về|với|theo|tại|các|cho|trong|đến|từ|để|là|có|được|những|một|bằng|hoặc|hay|như|do|thì|mà|nhằm|qua|trên|dưới|phải|sẽ|đã|đang))$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsMidPhrase();

    [GeneratedRegex(@"^S[ốo]\s*:?\s*([\d.]*)\s*/\s*([^\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"^(?<place>[^,]{2,60}),\s*ngày\s*(?<day>\d{1,2})?\s*tháng\s*(?<month>\d{1,2})?\s*năm\s*(?<year>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(.{3,200}?)\s+(?:xây dựng|ban hành)\s+(?:kế hoạch|Kế hoạch)")]
    private static partial Regex IssuerSentence();

    /// <summary>The verb that opens a legal-basis line, as the plan wrote it.</summary>
    [GeneratedRegex(@"^(Căn cứ|Thực hiện|CĂN CỨ|THỰC HIỆN|căn cứ|thực hiện)\b\s*:?\s*")]
    private static partial Regex Verb();

    /// <summary>What joins one cited document to the next ("…, " or " và "), cut from the end of the first.</summary>
    [GeneratedRegex(@"(?:\s*[,;]\s*|\s+và\s*|\s+)+$")]
    private static partial Regex SplitTail();

    // Numbers: state style (156/KH-UBND, 61/2018/NĐ-CP) and party style (12-NQ/TU); dates as 06/7/2022 or "ngày 15 tháng 7 năm 2021".
    [GeneratedRegex(@"(?<type>Kế hoạch|Nghị định|Nghị quyết|Quyết định|Thông tư liên tịch|Thông tư|Chỉ thị|Công văn|Văn bản|Luật|Pháp lệnh|Hướng dẫn|Kết luận|Chương trình)\s+(?:số\s+)?(?<number>\d+(?:/\d{4})?/[A-ZĐ][A-ZĐa-zđ0-9\-]*|\d+-[A-ZĐ]{2,}/[A-ZĐ][A-ZĐa-zđ0-9\-]*)(?:\s+ngày\s+(?<day>\d{1,2})\s*(?:/|\s+tháng\s+)\s*(?<month>\d{1,2})\s*(?:/|\s+năm\s+)\s*(?<year>\d{4}))?(?:\s+của\s+(?<issuer>.+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|phê duyệt|triển khai|sửa đổi|và)\b|[,;.\n(]|$))?")]
    private static partial Regex LegalReference();

    [GeneratedRegex(@"(?<value>\d{1,3}(?:[.,]\d{1,2})?\s?%)\s*(?<measure>[^;.:]+)")]
    private static partial Regex Target();
}
