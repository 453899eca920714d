package com.example.shop.report;

import com.example.shop.lib.Shop;

public class Report {
  public static void main(String[] args) {
    System.out.println("report of the " + Shop.name());
  }
}
