using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Sipar.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    IsConduct = table.Column<bool>(type: "boolean", nullable: false),
                    ClassifyDays = table.Column<int>(type: "integer", nullable: false),
                    AnswerDays = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_plan_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_plan_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_plan_links_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feedback_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    LookupSecret = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsConduct = table.Column<bool>(type: "boolean", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ProcedureName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DossierCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    SenderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SenderPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SenderEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ConsentToPublish = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClassifyDue = table.Column<DateOnly>(type: "date", nullable: false),
                    ClassifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InScope = table.Column<bool>(type: "boolean", nullable: true),
                    ReferredTo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AnswerDue = table.Column<DateOnly>(type: "date", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    NamedUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Answer = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublicQuestion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublicAnswer = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    PersonalMatter = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandlingDays = table.Column<int>(type: "integer", nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: true),
                    Satisfied = table.Column<bool>(type: "boolean", nullable: true),
                    RatingReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Flagged = table.Column<bool>(type: "boolean", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReminderSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnteredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    PublicText = table.Column<string>(type: "character varying(13000)", maxLength: 13000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_items_feedback_categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "feedback_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_feedback_items_org_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "org_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feedback_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_attachments_feedback_items_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "feedback_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feedback_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(2303)", maxLength: 2303, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_steps_feedback_items_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "feedback_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "feedback_categories",
                columns: new[] { "Id", "Active", "AnswerDays", "ClassifyDays", "Code", "IsConduct", "Name", "NameEn", "Order" },
                values: new object[,]
                {
                    { new Guid("0195a000-0000-7000-8000-000000000001"), true, 10, 2, "thu-tuc", false, "Quy định, thủ tục hành chính và giấy tờ", "Procedure rules and paperwork", 1 },
                    { new Guid("0195a000-0000-7000-8000-000000000002"), true, 10, 2, "cong-vu", true, "Hành vi, thái độ của cán bộ (kể cả đòi tiền ngoài phí, lệ phí)", "Conduct of officials (including money beyond the fees)", 2 },
                    { new Guid("0195a000-0000-7000-8000-000000000003"), true, 10, 2, "chat-luong", false, "Chất lượng phục vụ, cơ sở vật chất", "Service quality and facilities", 3 },
                    { new Guid("0195a000-0000-7000-8000-000000000004"), true, 10, 2, "truc-tuyen", false, "Dịch vụ công trực tuyến", "Online services", 4 },
                    { new Guid("0195a000-0000-7000-8000-000000000005"), true, 10, 2, "khac", false, "Khác", "Other", 5 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_attachments_FeedbackId",
                table: "feedback_attachments",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_categories_Code",
                table: "feedback_categories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_AgencyId_ReceivedOn",
                table: "feedback_items",
                columns: new[] { "AgencyId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_AgencyId_Status",
                table: "feedback_items",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_CategoryId",
                table: "feedback_items",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_Code",
                table: "feedback_items",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_items_Published_PublishedAt",
                table: "feedback_items",
                columns: new[] { "Published", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_plan_links_AgencyId_Year_Kind_Key",
                table: "feedback_plan_links",
                columns: new[] { "AgencyId", "Year", "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_steps_FeedbackId_Order",
                table: "feedback_steps",
                columns: new[] { "FeedbackId", "Order" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_attachments");

            migrationBuilder.DropTable(
                name: "feedback_plan_links");

            migrationBuilder.DropTable(
                name: "feedback_steps");

            migrationBuilder.DropTable(
                name: "feedback_items");

            migrationBuilder.DropTable(
                name: "feedback_categories");
        }
    }
}
