using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Archives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Archives",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Secret = table.Column<bool>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Archives", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveLoans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArchiveCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BorrowerId = table.Column<string>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReadOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LentById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReturnAnnouncedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveLoans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveLoans_Archives_ArchiveCode",
                        column: x => x.ArchiveCode,
                        principalTable: "Archives",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveLoans_People_BorrowerId",
                        column: x => x.BorrowerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_ArchiveCode",
                table: "ArchiveLoans",
                column: "ArchiveCode");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_BorrowerId",
                table: "ArchiveLoans",
                column: "BorrowerId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_RequestedAt",
                table: "ArchiveLoans",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_Status_DueOn",
                table: "ArchiveLoans",
                columns: new[] { "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchiveLoans");

            migrationBuilder.DropTable(
                name: "Archives");
        }
    }
}
