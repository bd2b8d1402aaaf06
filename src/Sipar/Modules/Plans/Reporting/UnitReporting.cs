using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

internal sealed record PeriodColumn(Guid Id, PeriodKind Kind, DateOnly WindowStart, DateOnly WindowEnd, DateOnly InternalDueDate, DateOnly ProvinceDueDate);

internal sealed record MatrixCell(Guid PeriodId, Guid UnitId, ReportState State, UnitReportStatus? Status);

internal sealed record PeriodTotals(Guid PeriodId, int Expected, int Submitted, int OnTime, int Late, int Missing);

internal sealed record ReportMatrix(
    Guid PlanId, string PlanTitle, Guid AgencyId, IReadOnlyList<PeriodColumn> Periods, IReadOnlyList<(Guid Id, string Name)> Units, IReadOnlyList<MatrixCell> Cells,
    IReadOnlyList<PeriodTotals> Totals, ObligationInfo Obligation, IReadOnlyList<ObligationInfo> Obligations);

/// <summary>A period a unit owes a report for: the plan, the period and its internal due date, the report type.</summary>
internal sealed record OwedPeriod(Guid PlanId, string PlanTitle, Guid PeriodId, PeriodKind Kind, DateOnly Due, string TypeCode, bool ReportsOnPlan);

/// <summary>A report owed in a plan's year: its type, and the task it came from.</summary>
internal sealed record ObligationInfo(Guid Id, Guid TypeId, string Code, string Name, string Recipient, string LegalBasis, Periodicity Periodicity, bool ReportsOnPlan, Guid? TaskId, string? TaskLabel, Guid? LeadUnitId);

internal sealed record ReportLineView(Guid TaskId, string Code, string Text, PlanTaskStatus Status, string Progress, string? Actuals);

internal sealed record ReportView(
    Guid Id, Guid PlanId, string PlanTitle, ObligationInfo Obligation, PeriodColumn Period, Guid UnitId, string UnitName, UnitReportStatus Status, ReportState State, string Narrative,
    string? ReturnReason, DateTime? SubmittedAt, IReadOnlyList<ReportLineView> Lines, bool CanEdit, bool CanReview, bool CanApprove);

/// <summary>Reporting periods and each unit's periodic report: pre-filled, submitted, returned or accepted, approved.</summary>
internal sealed class UnitReporting(SiparDbContext db, CurrentUser me, Capabilities can, IAgencies agencies, TimeProvider clock, ICalendars calendars, ReportTypes types)
{
    /// <summary>Default internal due date: this many working days before the province's.</summary>
    public const int DefaultLeadWorkingDays = ReportSchedule.DefaultLeadWorkingDays;

    public DateOnly Today => VietnamTime.Today(clock);

    public static ReportState StateOf(DateOnly internalDue, DateTime? firstSubmittedUtc, DateOnly today)
    {
        if (firstSubmittedUtc is { } at)
        {
            return VietnamTime.DateOf(at) <= internalDue ? ReportState.OnTime : ReportState.Late;
        }

        return today > internalDue ? ReportState.Missing : ReportState.NotDue;
    }

    /// <summary>Creates the CCHC report owed in the plan's year, with its periods, when the plan is issued.</summary>
    public async Task CreatePeriodsAsync(Plan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (await db.Set<ReportObligation>().AnyAsync(o => o.PlanId == plan.Id, ct))
        {
            return;
        }

        var cchc = await types.EnsureCchcAsync(plan.AgencyId, ct);
        var obligation = ReportObligation.Create(plan.Id, cchc.Id, null, clock.GetUtcNow().UtcDateTime);
        db.Add(obligation);
        db.AddRange(await PeriodsAsync(plan, obligation, cchc, ct));
    }

    /// <summary>
    /// The office adds a report of one of the agency's types to an issued plan, from a task ("Tham mưu báo cáo định kỳ
    /// về kết quả chuyển đổi số…") or from the plan's duties; its periods of the plan's year are computed from the type.
    /// </summary>
    public async Task<Guid> AddObligationAsync(Guid planId, Guid typeId, Guid? taskId, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().AsNoTracking().Include(p => p.Sections).ThenInclude(s => s.Tasks).FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        EnsureOffice(plan.AgencyId);
        return await AddObligationForOperatorAsync(plan, typeId, taskId, ct);
    }

    /// <summary>As <see cref="AddObligationAsync"/>, for the demo seeder, which signs in as nobody.</summary>
    internal async Task<Guid> AddObligationForOperatorAsync(Plan plan, Guid typeId, Guid? taskId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var planId = plan.Id;
        if (plan.Status == PlanStatus.Draft)
        {
            throw new DomainValidationException("", "Obligation.PlanNotIssued");
        }

        var type = await db.Set<ReportType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId && t.AgencyId == plan.AgencyId, ct)
            ?? throw new DomainValidationException("TypeId", "Obligation.TypeUnknown");
        if (taskId is { } task && !plan.Sections.Any(s => s.Tasks.Any(t => t.Id == task)))
        {
            throw new NotFoundException();
        }

        if (await db.Set<ReportObligation>().AnyAsync(o => o.PlanId == planId && o.TypeId == typeId && o.TaskId == taskId, ct))
        {
            throw new DomainValidationException("TypeId", "Obligation.Exists", type.Name);
        }

        var obligation = ReportObligation.Create(planId, typeId, taskId, clock.GetUtcNow().UtcDateTime);
        db.Add(obligation);
        db.AddRange(await PeriodsAsync(plan, obligation, type, ct));
        await db.SaveChangesAsync(ct);
        return obligation.Id;
    }

    /// <summary>A period of a report asked for (a type owed on request): the office gives its data window and due date.</summary>
    public async Task AddRequestedPeriodAsync(Guid obligationId, DateOnly? windowStart, DateOnly? windowEnd, DateOnly? due, CancellationToken ct)
    {
        var obligation = await db.Set<ReportObligation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == obligationId, ct) ?? throw new NotFoundException();
        var agencyId = await db.Set<Plan>().Where(p => p.Id == obligation.PlanId).Select(p => p.AgencyId).FirstAsync(ct);
        EnsureOffice(agencyId);
        var errors = new ValidationErrors();
        if (windowStart is null)
        {
            errors.Add("WindowStart", "Calendar.RequiredDate");
        }

        if (windowEnd is null)
        {
            errors.Add("WindowEnd", "Calendar.RequiredDate");
        }

        if (due is null)
        {
            errors.Add("Due", "Calendar.RequiredDate");
        }

        errors.ThrowIfAny();
        if (windowStart > windowEnd)
        {
            throw new DomainValidationException("WindowEnd", "Obligation.WindowBackwards");
        }

        if (windowEnd > due)
        {
            throw new DomainValidationException("Due", "Obligation.WindowAfterDue");
        }

        var type = await db.Set<ReportType>().AsNoTracking().FirstAsync(t => t.Id == obligation.TypeId, ct);
        if (await db.Set<ReportingPeriod>().AnyAsync(p => p.ObligationId == obligationId && p.Kind == PeriodKind.Requested && p.WindowEnd == windowEnd, ct))
        {
            throw new DomainValidationException("WindowEnd", "Obligation.PeriodExists");
        }

        var calendar = await calendars.GetAsync(ct);
        db.Add(ReportingPeriod.For(obligation.PlanId, obligationId, new PeriodSlot(PeriodKind.Requested, windowStart!.Value, windowEnd!.Value, due!.Value), ReportSchedule.InternalDue(type, due.Value, calendar)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The reports owed in a plan's year, the CCHC report first.</summary>
    public async Task<IReadOnlyList<ObligationInfo>> ObligationsAsync(Guid planId, CancellationToken ct)
    {
        var rows = await db.Set<ReportObligation>().AsNoTracking().Where(o => o.PlanId == planId)
            .Join(db.Set<ReportType>(), o => o.TypeId, t => t.Id, (o, t) => new { o, t }).ToListAsync(ct);
        var taskIds = rows.Where(r => r.o.TaskId != null).Select(r => r.o.TaskId!.Value).ToList();
        var tasks = await db.Set<PlanTask>().AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .Join(db.Set<PlanSection>(), t => t.SectionId, s => s.Id, (t, s) => new { t.Id, s.Code, t.Order }).ToListAsync(ct);
        return rows.OrderBy(r => !r.t.ReportsOnPlan).ThenBy(r => r.o.CreatedAt).ThenBy(r => r.o.Id).Select(r =>
        {
            var task = tasks.Find(t => t.Id == r.o.TaskId);
            return Info(r.o, r.t, task is null ? null : $"{task.Code}.{task.Order}");
        }).ToList();
    }

    /// <summary>
    /// The periods <paramref name="unitId"/> owes a report for in the given plans, of every report type, the CCHC report
    /// first: for "my tasks" and the home page's due list.
    /// </summary>
    public async Task<IReadOnlyList<OwedPeriod>> OwedByUnitAsync(Guid unitId, IReadOnlyCollection<Guid> planIds, CancellationToken ct)
    {
        var owed = new List<OwedPeriod>();
        foreach (var planId in planIds)
        {
            var plan = await db.Set<Plan>().AsNoTracking().AsSplitQuery().Include(p => p.Sections).ThenInclude(s => s.Coordinators).Include(p => p.Sections).ThenInclude(s => s.Tasks)
                .FirstOrDefaultAsync(p => p.Id == planId, ct);
            if (plan is null)
            {
                continue;
            }

            foreach (var obligation in await ObligationsAsync(planId, ct))
            {
                if (!(await ExpectedUnitsAsync(plan, await DutyAsync(obligation.Id, ct), ct)).Any(u => u.Id == unitId))
                {
                    continue;
                }

                var periods = await db.Set<ReportingPeriod>().AsNoTracking().Where(p => p.ObligationId == obligation.Id).OrderBy(p => p.ProvinceDueDate).ThenBy(p => p.WindowEnd)
                    .Select(p => new { p.Id, p.Kind, p.InternalDueDate }).ToListAsync(ct);
                owed.AddRange(periods.Select(p => new OwedPeriod(planId, plan.Title, p.Id, p.Kind, p.InternalDueDate, obligation.Code, obligation.ReportsOnPlan)));
            }
        }

        return owed;
    }

    /// <summary>Units × periods of one report owed in the plan's year (<paramref name="obligationId"/>; the CCHC report when none).</summary>
    public async Task<ReportMatrix> MatrixAsync(Guid planId, CancellationToken ct, Guid? obligationId = null)
    {
        // Who owes reports needs the sections' lead and coordinating units only, not the tasks and their updates.
        var plan = await db.Set<Plan>().AsNoTracking().AsSplitQuery().Include(p => p.Sections).ThenInclude(s => s.Coordinators).Include(p => p.Sections).ThenInclude(s => s.Tasks)
            .FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        me.EnsureCanReadAgency(plan.AgencyId);
        var obligations = await ObligationsAsync(planId, ct);
        var obligation = obligationId is { } oid ? obligations.FirstOrDefault(o => o.Id == oid) ?? throw new NotFoundException() : (obligations.Count > 0 ? obligations[0] : null);
        if (obligation is null)
        {
            return new ReportMatrix(plan.Id, plan.Title, plan.AgencyId, [], [], [], [], new ObligationInfo(Guid.Empty, Guid.Empty, "", "", "", "", Periodicity.Quarterly, true, null, null, null), []);
        }

        var periods = await db.Set<ReportingPeriod>().AsNoTracking().Where(p => p.ObligationId == obligation.Id).OrderBy(p => p.ProvinceDueDate).ThenBy(p => p.WindowEnd).ToListAsync(ct);
        var units = await ExpectedUnitsAsync(plan, await DutyAsync(obligation.Id, ct), ct);
        var periodIds = periods.Select(p => p.Id).ToList();
        var reports = await db.Set<UnitReport>().AsNoTracking().Where(r => periodIds.Contains(r.PeriodId))
            .Select(r => new { r.PeriodId, r.UnitId, r.Status, r.FirstSubmittedAt }).ToListAsync(ct);
        var today = Today;
        var cells = new List<MatrixCell>();
        foreach (var p in periods)
        {
            foreach (var (unitId, _) in units)
            {
                var r = reports.Find(x => x.PeriodId == p.Id && x.UnitId == unitId);
                cells.Add(new MatrixCell(p.Id, unitId, StateOf(p.InternalDueDate, r?.FirstSubmittedAt, today), r?.Status));
            }
        }

        var totals = periods.Select(p =>
        {
            var c = cells.Where(x => x.PeriodId == p.Id).ToList();
            return new PeriodTotals(p.Id, c.Count, c.Count(x => x.State is ReportState.OnTime or ReportState.Late), c.Count(x => x.State == ReportState.OnTime),
                c.Count(x => x.State == ReportState.Late), c.Count(x => x.State == ReportState.Missing));
        }).ToList();
        return new ReportMatrix(plan.Id, plan.Title, plan.AgencyId, periods.Select(Column).ToList(), units, cells, totals, obligation, obligations);
    }

    /// <summary>One report's matrix as a spreadsheet: a row per unit, a column per period, the totals last.</summary>
    public async Task<(string FileName, byte[] Content)> MatrixXlsxAsync(Guid planId, Guid obligationId, CancellationToken ct)
    {
        var m = await MatrixAsync(planId, ct, obligationId);
        string[] headers = ["Đơn vị", .. m.Periods.Select(p => $"{PeriodLabel(p.Kind)} (hạn {Show.Date(p.InternalDueDate)})")];
        var rows = m.Units.Select(u => (IReadOnlyList<string>)[u.Name, .. m.Periods.Select(p => Consolidation.StateText(m.Cells.First(c => c.PeriodId == p.Id && c.UnitId == u.Id).State))]).ToList();
        rows.Add(["Tổng: phải gửi / đã gửi / đúng hạn / muộn / chưa gửi", .. m.Totals.Select(t => $"{t.Expected} / {t.Submitted} / {t.OnTime} / {t.Late} / {t.Missing}")]);
        return ($"tinh-hinh-bao-cao-{m.Obligation.Code.ToLowerInvariant()}.xlsx", Documents.SpreadsheetWriter.Write(m.Obligation.Code, headers, rows));
    }

    private static string PeriodLabel(PeriodKind kind) => kind == PeriodKind.Year ? "Năm" : PeriodNames.Of(kind) is { Length: > 0 } name ? char.ToUpperInvariant(name[0]) + name[1..] : kind.ToString();

    /// <summary>Refuses (403) a caller who is not the plan's office, before the form is read.</summary>
    public async Task EnsureOfficeForPlanAsync(Guid planId, CancellationToken ct) => EnsureOffice((await LoadPlanAsync(planId, ct)).AgencyId);

    public async Task SetInternalDueDateAsync(Guid periodId, DateOnly due, CancellationToken ct)
    {
        var period = await db.Set<ReportingPeriod>().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        var plan = await LoadPlanAsync(period.PlanId, ct);
        EnsureOffice(plan.AgencyId);
        period.SetInternalDueDate(due);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A unit's report for a period. Before its first save it is shown pre-filled from the unit's tasks but not
    /// stored (a GET writes nothing); a unit that owes no report for the plan is a 404.
    /// </summary>
    public async Task<ReportView> OpenAsync(Guid periodId, Guid unitId, CancellationToken ct)
    {
        var (period, plan, duty) = await LoadPeriodAsync(periodId, ct);
        if (!IsUnitOfficer(plan.AgencyId, unitId) && !me.CanReadAgency(plan.AgencyId))
        {
            throw new ForbiddenException();
        }

        var report = await db.Set<UnitReport>().AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, ct);
        if (report is null)
        {
            await EnsureExpectedAsync(plan, duty, unitId, ct);
            return await ViewAsync(UnitReport.Start(periodId, unitId, "", Prefill(plan, duty, unitId, period)), period, plan, duty, saved: false, ct);
        }

        return await ViewAsync(report, period, plan, duty, saved: true, ct);
    }

    /// <summary>Where a report opens, for links by id; null when it does not exist or the signed-in person may not read it.</summary>
    public async Task<(Guid PeriodId, Guid UnitId)?> LocateAsync(Guid reportId, CancellationToken ct)
    {
        var found = await db.Set<UnitReport>().AsNoTracking().Where(r => r.Id == reportId)
            .Join(db.Set<ReportingPeriod>(), r => r.PeriodId, p => p.Id, (r, p) => new { r.PeriodId, r.UnitId, p.PlanId })
            .Join(db.Set<Plan>(), x => x.PlanId, p => p.Id, (x, p) => new { x.PeriodId, x.UnitId, p.AgencyId })
            .FirstOrDefaultAsync(ct);
        return found is not null && (me.CanReadAgency(found.AgencyId) || IsUnitOfficer(found.AgencyId, found.UnitId)) ? (found.PeriodId, found.UnitId) : null;
    }

    public Task SaveAsync(Guid periodId, Guid unitId, string? narrative, IReadOnlyDictionary<Guid, string?> progress, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan, _) =>
        {
            EnsureUnitOfficer(plan.AgencyId, unitId);
            r.Edit(narrative, progress);
        }, ct, startIfMissing: true);

    public Task SubmitAsync(Guid periodId, Guid unitId, string? narrative, IReadOnlyDictionary<Guid, string?> progress, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan, _) =>
        {
            EnsureUnitOfficer(plan.AgencyId, unitId);
            r.Edit(narrative, progress);
            r.Submit(clock.GetUtcNow().UtcDateTime);
        }, ct, startIfMissing: true);

    public Task ReturnAsync(Guid periodId, Guid unitId, string reason, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan, duty) =>
        {
            EnsureReviewer(plan.AgencyId, duty);
            r.Return(reason);
        }, ct);

    public Task AcceptAsync(Guid periodId, Guid unitId, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan, duty) =>
        {
            EnsureReviewer(plan.AgencyId, duty);
            r.Accept(clock.GetUtcNow().UtcDateTime);
        }, ct);

    public Task ApproveAsync(Guid periodId, Guid unitId, CancellationToken ct) =>
        ChangeAsync(periodId, unitId, (r, plan, _) =>
        {
            can.Ensure(Capability.ApproveForAgency, plan.AgencyId);

            r.Approve(clock.GetUtcNow().UtcDateTime);
        }, ct);

    /// <summary>Changes a stored report; the unit's first save or submission (<paramref name="startIfMissing"/>) creates it.</summary>
    private async Task ChangeAsync(Guid periodId, Guid unitId, Action<UnitReport, Plan, Duty> change, CancellationToken ct, bool startIfMissing = false)
    {
        var (period, plan, duty) = await LoadPeriodAsync(periodId, ct);
        var report = await db.Set<UnitReport>().Include(r => r.Lines).FirstOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, ct);
        if (report is null)
        {
            if (!startIfMissing)
            {
                throw new NotFoundException();
            }

            EnsureUnitOfficer(plan.AgencyId, unitId);
            await EnsureExpectedAsync(plan, duty, unitId, ct);
            report = UnitReport.Start(periodId, unitId, "", Prefill(plan, duty, unitId, period));
            db.Add(report);
        }

        change(report, plan, duty);
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureExpectedAsync(Plan plan, Duty duty, Guid unitId, CancellationToken ct)
    {
        if (!(await ExpectedUnitsAsync(plan, duty, ct)).Any(u => u.Id == unitId))
        {
            throw new NotFoundException();
        }
    }

    private async Task<ReportView> ViewAsync(UnitReport report, ReportingPeriod period, Plan plan, Duty duty, bool saved, CancellationToken ct)
    {
        var unitName = (await agencies.UnitsByIdAsync([report.UnitId], ct)).TryGetValue(report.UnitId, out var unit) ? unit.Name : throw new NotFoundException();
        var tasks = plan.Sections.SelectMany(s => s.Tasks.Select(t => (s, t))).ToDictionary(x => x.t.Id);
        var lines = report.Lines.Where(l => tasks.ContainsKey(l.TaskId)).Select(l =>
        {
            var (s, t) = tasks[l.TaskId];
            return (s.Order, t.Order, new ReportLineView(l.TaskId, $"{s.Code}.{t.Order}", t.Text, l.Status, l.Progress, l.Actuals));
        }).OrderBy(x => x.Item1).ThenBy(x => x.Item2).Select(x => x.Item3).ToList();
        var editable = report.Status is UnitReportStatus.Draft or UnitReportStatus.Returned;
        return new ReportView(
            saved ? report.Id : Guid.Empty, plan.Id, plan.Title, Info(duty.Obligation, duty.Type, null), Column(period), report.UnitId, unitName, report.Status, StateOf(period.InternalDueDate, report.FirstSubmittedAt, Today),
            report.Narrative, report.ReturnReason, report.SubmittedAt, lines,
            editable && IsUnitOfficer(plan.AgencyId, report.UnitId),
            report.Status == UnitReportStatus.Submitted && IsReviewer(plan.AgencyId, duty),
            report.Status == UnitReportStatus.Accepted && can.Has(Capability.ApproveForAgency, plan.AgencyId));
    }

    private static IEnumerable<(Guid TaskId, PlanTaskStatus Status, string Progress, string? Actuals)> Prefill(Plan plan, Duty duty, Guid unitId, ReportingPeriod period)
    {
        // A report about the plan has a line for each task the unit leads or supports; a report from one task has that
        // task's line for every unit that owes it; a report of the agency's own (no task) is its narrative only.
        if (!duty.Type.ReportsOnPlan)
        {
            if (duty.Obligation.TaskId is not { } only || plan.Sections.SelectMany(s => s.Tasks).FirstOrDefault(t => t.Id == only) is not { } task)
            {
                yield break;
            }

            yield return Line(task, unitId, leads: true, period);
            yield break;
        }

        // The unit's own words in the period: its progress notes on the tasks it leads, its contributions on those it
        // supports, and the target actuals of the tasks it leads; never another unit's notes.
        foreach (var s in plan.Sections.Where(s => s.LeadUnitId == unitId || s.LeadIsAllUnits || s.Coordinators.Any(c => c.UnitId == unitId)).OrderBy(s => s.Order))
        {
            var leads = s.LeadUnitId == unitId || s.LeadIsAllUnits;
            foreach (var t in s.Tasks.OrderBy(t => t.Order))
            {
                yield return Line(t, unitId, leads, period);
            }
        }
    }

    private static (Guid TaskId, PlanTaskStatus Status, string Progress, string? Actuals) Line(PlanTask t, Guid unitId, bool leads, ReportingPeriod period)
    {
        var from = VietnamTime.StartOfDayUtc(period.WindowStart);
        var to = VietnamTime.StartOfDayUtc(period.WindowEnd.AddDays(1));
        var notes = t.Updates.Where(u => u.UnitId == unitId && u.At >= from && u.At < to && u.Note is not null).OrderBy(u => u.At).Select(u => u.Note!);
        var actuals = leads ? string.Join("; ", t.Targets.Where(x => x.Actual is not null).Select(x => $"{x.Value} {x.Measure}: {x.Actual}")) : "";
        // A prefill joins many notes; what does not fit keeps its newest part and shows that it was shortened.
        var progress = string.Join("\n", notes);
        progress = progress.Length > UnitReportLine.ProgressMaxLength ? "…" + progress[^(UnitReportLine.ProgressMaxLength - 1)..] : progress;
        actuals = actuals.Length > UnitReportLine.ActualsMaxLength ? actuals[..(UnitReportLine.ActualsMaxLength - 1)] + "…" : actuals;
        return (t.Id, t.Status, progress, actuals.Length > 0 ? actuals : null);
    }

    /// <summary>
    /// Units that owe a report. For a report about the plan (CCHC): every unit leading or supporting a task (all units
    /// when a section names them all). For another type: the units it names as contributors; else the lead and
    /// supporting units of the task it came from; else every unit.
    /// </summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> ExpectedUnitsAsync(Plan plan, Duty duty, CancellationToken ct)
    {
        var units = await agencies.UnitsAsync(plan.AgencyId, ct);
        IEnumerable<PlanSection> sections = plan.Sections;
        if (!duty.Type.ReportsOnPlan)
        {
            if (duty.Type.Contributors.Count > 0)
            {
                var named = duty.Type.Contributors.Select(c => c.UnitId).ToHashSet();
                return units.Where(u => named.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
            }

            if (duty.Obligation.TaskId is not { } taskId)
            {
                return units.Select(u => (u.Id, u.Name)).ToList();
            }

            sections = plan.Sections.Where(s => s.Tasks.Any(t => t.Id == taskId));
        }

        var list = sections.ToList();
        var all = list.Exists(s => s.LeadIsAllUnits);
        var owing = list.SelectMany(s => s.Coordinators.Select(c => c.UnitId).Append(s.LeadUnitId ?? Guid.Empty)).ToHashSet();
        return units.Where(u => all || owing.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
    }

    /// <summary>A report owed and its type, as the rules above need them.</summary>
    private sealed record Duty(ReportObligation Obligation, ReportType Type);

    private async Task<Duty> DutyAsync(Guid obligationId, CancellationToken ct)
    {
        var obligation = await db.Set<ReportObligation>().AsNoTracking().FirstAsync(o => o.Id == obligationId, ct);
        var type = await db.Set<ReportType>().AsNoTracking().Include(t => t.Contributors).FirstAsync(t => t.Id == obligation.TypeId, ct);
        return new Duty(obligation, type);
    }

    private async Task<IReadOnlyList<ReportingPeriod>> PeriodsAsync(Plan plan, ReportObligation obligation, ReportType type, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        return ReportSchedule.SlotsFor(type, plan.Year, calendar)
            .Select(slot => ReportingPeriod.For(plan.Id, obligation.Id, slot, ReportSchedule.InternalDue(type, slot.Due, calendar))).ToList();
    }

    private static ObligationInfo Info(ReportObligation o, ReportType t, string? taskLabel) =>
        new(o.Id, t.Id, t.Code, t.Name, t.Recipient, t.LegalBasis, t.Periodicity, t.ReportsOnPlan, o.TaskId, taskLabel, t.LeadUnitId);

    private static PeriodColumn Column(ReportingPeriod p) => new(p.Id, p.Kind, p.WindowStart, p.WindowEnd, p.InternalDueDate, p.ProvinceDueDate);

    private async Task<Plan> LoadPlanAsync(Guid planId, CancellationToken ct) =>
        await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections).ThenInclude(s => s.Coordinators)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Targets)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Updates)
            .FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();

    private async Task<(ReportingPeriod Period, Plan Plan, Duty Duty)> LoadPeriodAsync(Guid periodId, CancellationToken ct)
    {
        var period = await db.Set<ReportingPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        return (period, await LoadPlanAsync(period.PlanId, ct), await DutyAsync(period.ObligationId, ct));
    }

    private bool IsOffice(Guid agencyId) => can.Has(Capability.RunPlan, agencyId);

    /// <summary>Who takes in the units' reports and compiles the whole: the office, and the type's lead unit when it names one.</summary>
    private bool IsReviewer(Guid agencyId, Duty duty) => IsOffice(agencyId) || (duty.Type.LeadUnitId is { } lead && IsUnitOfficer(agencyId, lead));

    /// <summary>Whether the signed-in person compiles the report a period belongs to (the office, or the type's lead unit).</summary>
    public async Task<bool> IsReviewerForPeriodAsync(Guid periodId, CancellationToken ct)
    {
        var period = await db.Set<ReportingPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        var agencyId = await db.Set<Plan>().Where(p => p.Id == period.PlanId).Select(p => p.AgencyId).FirstAsync(ct);
        return IsReviewer(agencyId, await DutyAsync(period.ObligationId, ct));
    }

    private void EnsureReviewer(Guid agencyId, Duty duty)
    {
        if (!IsReviewer(agencyId, duty))
        {
            throw new ForbiddenException();
        }
    }

    private bool IsUnitOfficer(Guid agencyId, Guid unitId) => can.Has(Capability.WorkOnUnitTasks, agencyId, unitId);

    private void EnsureOffice(Guid agencyId)
    {
        if (!IsOffice(agencyId))
        {
            throw new ForbiddenException();
        }
    }

    private void EnsureUnitOfficer(Guid agencyId, Guid unitId)
    {
        if (!IsUnitOfficer(agencyId, unitId))
        {
            throw new ForbiddenException();
        }
    }
}
