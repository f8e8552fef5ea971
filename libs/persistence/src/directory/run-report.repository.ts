import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { RunReportDoc, RunReportSchema } from './directory.schema';

/** Each run's report: what the importer planned and did, and why (read by `isams-sync report`). */
@Injectable()
export class RunReportRepository {
  constructor(@InjectModel(RunReportDoc.name) private readonly reports: Model<RunReportDoc>) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): RunReportRepository {
    return new RunReportRepository(connection.model(RunReportDoc.name, RunReportSchema));
  }

  async saveReport(schoolId: string, runId: string, report: Record<string, unknown>): Promise<void> {
    await this.reports
      .updateOne({ _id: runId, schoolId }, { $set: { ...report, schoolId, runId } }, { upsert: true })
      .exec();
  }

  async report(schoolId: string, runId?: string): Promise<Record<string, unknown> | null> {
    const query = runId
      ? this.reports.findOne({ schoolId, _id: runId })
      : this.reports.findOne({ schoolId }).sort({ createdAt: -1 });
    return query.lean<Record<string, unknown>>().exec();
  }

  /** The last report whose plan was applied (for "shrank sharply against the last applied run"). */
  async lastApplied(schoolId: string, exceptRunId: string): Promise<Record<string, unknown> | null> {
    return this.reports
      .findOne({ schoolId, runId: { $ne: exceptRunId }, outcome: { $in: ['succeeded', 'partial'] } })
      .sort({ createdAt: -1 })
      .lean<Record<string, unknown>>()
      .exec();
  }
}
